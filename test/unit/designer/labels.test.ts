/** Every property and value the property panel shows has a name in English, Russian and Uzbek. */
import { ElementFactory, Serializer } from 'survey-core';
import { expect, test } from 'vitest';
import { registerOvozProperties } from '../../../common/survey/properties.js';
import { ENUM_LABELS, PROP_LABELS } from '../../../web/src/admin/designer/label-table.js';
import { enumLabel, propLabel } from '../../../web/src/admin/designer/labels.js';

registerOvozProperties();
const CLASSES = [
  ...ElementFactory.Instance.getAllTypes(),
  'survey',
  'page',
  ...['numeric', 'text', 'answercount', 'regex', 'email', 'expression'].map((v) => `${v}validator`),
  ...['complete', 'skip', 'setvalue', 'copyvalue', 'runexpression', 'visible'].map(
    (t) => `${t}trigger`,
  ),
  'calculatedvalue',
  ...['numeric', 'currency', 'datetime', 'pattern'].map((m) => `${m}mask`),
];

test('every visible property has a name in three written languages (Cyrillic derived)', () => {
  const missing = new Set<string>();
  for (const cls of CLASSES) {
    for (const p of Serializer.getProperties(cls))
      if (p.visible && !(p.name in PROP_LABELS)) missing.add(p.name);
  }
  expect([...missing]).toEqual([]);
  for (const [name, labels] of Object.entries(PROP_LABELS)) {
    expect(
      labels.every((l) => l.trim() !== ''),
      name,
    ).toBe(true);
  }
  expect(propLabel('visibleIf', 'ru')).toBe('Показывать, когда');
  expect(propLabel('isRequired', 'uz-Cyrl')).toBe('Мажбурий');
});

test('words among the values have names; codes stay as they are', () => {
  expect(enumLabel('buttons', 'ru')).toBe('Кнопки');
  expect(enumLabel('UZS', 'ru')).toBe('UZS');
  expect(enumLabel(3, 'en')).toBe('3');
  for (const labels of Object.values(ENUM_LABELS))
    expect(labels.every((l) => l.trim() !== '')).toBe(true);
});
