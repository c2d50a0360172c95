/**
 * The comments report's masking (server/reports/mask.ts), pattern by pattern, with the numbers it
 * must leave alone. Pure: no app is started (kept beside the other report tests).
 */
import { describe, expect, it } from 'vitest';
import { maskComment } from '../../server/reports/mask.js';

const cases = (rows: Array<[string, string]>) => rows.map(([input, output]) => ({ input, output }));

describe('maskComment', () => {
  it.each(
    cases([
      ['+998 90 123 45 67', '[phone]'],
      ['+998901234567', '[phone]'],
      ['998901234567', '[phone]'],
      ['+998 (90) 123-45-67', '[phone]'],
      ['(71) 200 00 00', '[phone]'],
      ['tel: 90-123-45-67.', 'tel: [phone].'],
      ['90.123.45.67', '[phone]'],
      ['901234567 ga qo‘ng‘iroq', '[phone] ga qo‘ng‘iroq'],
      ['+998 90 1234567', '[phone]'],
      ['+7 901 234 56 78', '[phone]'],
    ]),
  )('phone: $input', ({ input, output }) => expect(maskComment(input)).toBe(output));

  it.each(
    cases([
      ['ali.valiyev@mail.uz yozing', '[email] yozing'],
      ['Pochta: dilnoza_77+ovoz@gmail.com.', 'Pochta: [email].'],
      ['почта: иван@почта.уз', 'почта: [email]'],
    ]),
  )('e-mail: $input', ({ input, output }) => expect(maskComment(input)).toBe(output));

  it.each(
    cases([
      ['AA1234567', '[id]'],
      ['pasport ab 1234567 edi', 'pasport [id] edi'],
      ['ID: AD-1234567', 'ID: [id]'],
      ['паспорт АА1234567', 'паспорт [id]'],
      ['JShShIR 31234567890123', 'JShShIR [id]'],
      ['karta 8600 1234 5678 9012', 'karta [id]'],
    ]),
  )('document: $input', ({ input, output }) => expect(maskComment(input)).toBe(output));

  it.each([
    '2026 yil',
    '2020-2026 yillar',
    '10.10.2026 da',
    '2026-10-10',
    '15:30 da keldim',
    '3 kun kutdim',
    '150 000 so‘m',
    '1 500 000 so‘m to‘ladim',
    '12 500 000 so‘m',
    '12345678',
    'AA12345678',
    'ABC1234567',
    'xona 101, 2-qavat',
    'Bino № 45/3',
    'alert(1)',
  ])('leaves alone: %s', (text) => expect(maskComment(text)).toBe(text));

  it('masks several in one comment and keeps the rest', () => {
    expect(
      maskComment('Raqamim 90 123 45 67, pochta a@b.uz, pasport AA1234567; 3 kun, 2026 yil.'),
    ).toBe('Raqamim [phone], pochta [email], pasport [id]; 3 kun, 2026 yil.');
  });
});
