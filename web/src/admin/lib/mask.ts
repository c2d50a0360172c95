/**
 * Masks what could identify a citizen in a free-text comment before it is shown: e-mail
 * addresses, passport-like document numbers (two letters and seven digits, e.g. AA1234567, Latin
 * or Cyrillic) and phone numbers (seven or more digits, with or without +998, spaces, brackets,
 * dashes). Long digit runs (personal ID, card numbers) count as phone-like and are masked too.
 */
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const DOCUMENT = /(?<![\p{L}\p{N}])[A-ZА-ЯЎҚҒҲ]{2}[\s-]?\d{7}(?!\p{N})/giu;
const PHONE_LIKE = /(?<![\p{L}\p{N}])[+(]?\d[\d\s().-]{5,}\d(?!\p{N})/gu;

export const MASK = { email: '[e-mail]', document: '[ID]', phone: '[tel]' } as const;

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, MASK.email)
    .replace(DOCUMENT, MASK.document)
    .replace(PHONE_LIKE, (m) => (m.replace(/\D/g, '').length >= 7 ? MASK.phone : m));
}
