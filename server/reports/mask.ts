/**
 * Masks what could identify a citizen in a free-text comment before the comments report returns
 * it (the admin app masks again, whatever the server sent). Pure.
 *
 * - e-mail addresses → `[email]`
 * - passport and ID-card numbers: two letters and seven digits (AA1234567, AD 1234567; Latin or
 *   Cyrillic, any case) → `[id]`
 * - Uzbek phone numbers: an optional +998 / 998, a two-digit operator or area code (optionally in
 *   brackets) and seven digits grouped 3-2-2, with or without spaces, dashes or dots
 *   (+998 90 123 45 67, 998901234567, (90) 123-45-67, 90-123-45-67, 901234567) → `[phone]`
 * - any other run of ten or more digits (personal number PINFL, bank card), single spaces or dashes
 *   allowed between them → `[id]`, or `[phone]` when it starts with + (a foreign number)
 *
 * Years, dates, amounts like "150 000 so‘m" and other short numbers are left alone: a phone needs
 * nine digits in the 2-3-2-2 shape, not glued to other digits or letters. The price of that rule
 * is that a nine-digit amount written without spaces (150000000) is masked as a phone: a comment
 * is better a little less readable than identifying.
 */

export const MASKS = { email: '[email]', id: '[id]', phone: '[phone]' } as const;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const DOCUMENT = /(?<![\p{L}\p{N}])[A-ZА-ЯЁЎҚҒҲ]{2}[\s-]?\d{7}(?![\p{L}\p{N}])/giu;
const SEP = '[\\s.-]?';
const PHONE = new RegExp(
  `(?<![\\p{L}\\p{N}+])(?:\\+?998${SEP})?(?:\\(\\d{2}\\)|\\d{2})${SEP}\\d{3}${SEP}\\d{2}${SEP}\\d{2}(?![\\p{L}\\p{N}])`,
  'gu',
);
const LONG_DIGITS = /(?<![\p{L}\p{N}+])\+?\d(?:[ -]?\d){9,}(?![\p{L}\p{N}])/gu;

export function maskComment(text: string): string {
  return text
    .replace(EMAIL, MASKS.email)
    .replace(DOCUMENT, MASKS.id)
    .replace(PHONE, MASKS.phone)
    .replace(LONG_DIGITS, (m) => (m.startsWith('+') ? MASKS.phone : MASKS.id));
}
