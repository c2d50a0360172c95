/**
 * Every questionnaire of the shared SurveyJS corpus loads into the designer and saves back
 * unchanged: the document the designer edits is deep-equal to the file; its canvas lists every
 * element; every card's property panel renders; every condition shows as rows that mean the same
 * or stays text; exporting and re-importing its translations (CSV, XLIFF) changes nothing; and
 * properties survey-core does not know are kept and listed as warnings.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { sites } from '../../common/survey/references.js';
import {
  fromExpression,
  sameCondition,
  toExpression,
} from '../../web/src/admin/designer/model/conditions.js';
import { readableOrder } from '../../web/src/admin/designer/model/elements.js';
import { docReducer, initialDoc } from '../../web/src/admin/designer/model/history.js';
import {
  classNameOf,
  designModel,
  elementInstance,
  unknownProperties,
} from '../../web/src/admin/designer/model/instance.js';
import { index, outline } from '../../web/src/admin/designer/model/outline.js';
import {
  exportCsv,
  exportXliff,
  importCsv,
  importXliff,
} from '../../web/src/admin/designer/model/translation-io.js';
import { PropertyPanel } from '../../web/src/admin/designer/PropertyPanel.js';
import { LangProvider } from '../../web/src/admin/i18n/lang.js';

/** Questions and panels written in the file, at any depth of pages, panels and dynamic panels. */
function countElements(json: unknown): number {
  if (!json || typeof json !== 'object') return 0;
  const o = json as Record<string, unknown>;
  let n = 0;
  for (const key of ['pages', 'elements', 'questions', 'templateElements']) {
    const list = o[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (key !== 'pages' && item && typeof item === 'object') n++;
      n += countElements(item);
    }
  }
  return n;
}

const CORPUS = path.resolve(import.meta.dirname, '../../../shared/surveyjs-corpus');
const files = fs
  .readdirSync(CORPUS)
  .filter((f) => f.endsWith('.json'))
  .sort();

describe('the SurveyJS corpus in the designer', () => {
  test('the corpus is there', () => {
    expect(files.length).toBeGreaterThanOrEqual(35);
  });

  test.each(files)('%s loads and saves back unchanged', (file) => {
    const original = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as Record<
      string,
      unknown
    >;
    const frozen = structuredClone(original);

    // Loaded: the designer's document is the file (keys reordered for reading, content equal).
    let state = initialDoc(readableOrder(original));
    expect(state.json).toEqual(frozen);

    // The canvas shows every element of the file.
    const cards = index(outline(state.json)).cards;
    expect(cards.size).toBe(countElements(state.json));

    // Every card's property panel renders with the file's values.
    const model = designModel(state.json);
    for (const { card } of cards.values()) {
      const html = renderToString(
        createElement(
          LangProvider,
          null,
          createElement(PropertyPanel, {
            idBase: 'p',
            className: classNameOf(card.element),
            element: card.element,
            instance: elementInstance(model, card.element),
            json: state.json,
            lang: 'uz',
            title: String(card.element.name ?? ''),
            onChange: () => undefined,
            onRename: () => undefined,
          }),
        ),
      );
      expect(html).toContain('data-prop="name"');
    }

    // Conditions: as rows only when the rows mean exactly the same; never rewritten otherwise.
    for (const site of sites(state.json)) {
      if (site.kind !== 'condition') continue;
      const rows = fromExpression(site.value);
      if (rows) expect(sameCondition(toExpression(rows), site.value)).toBe(true);
    }

    // Translations out and back in: nothing changes.
    const csv = importCsv(state.json, exportCsv(state.json));
    expect(csv.changed).toEqual([]);
    expect(csv.mismatches).toEqual([]);
    for (const lang of ['ru', 'en'] as const) {
      const xliff = importXliff(state.json, exportXliff(state.json, lang, file));
      expect(xliff.changed).toEqual([]);
      expect(xliff.mismatches).toEqual([]);
    }

    // An edit undone leaves the document as loaded.
    state = docReducer(state, {
      type: 'change',
      label: 'title',
      update: (j) => ({ ...j, title: 'x' }),
      at: 0,
    });
    state = docReducer(state, { type: 'undo' });
    expect(state.json).toEqual(frozen);

    // Saved: the JSON sent is the file.
    expect(JSON.parse(JSON.stringify(state.json))).toEqual(frozen);
  });

  test('unknown properties are kept and listed as warnings', () => {
    let withUnknown = 0;
    for (const file of files) {
      const json = JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8')) as Record<
        string,
        unknown
      >;
      const unknown = unknownProperties(json);
      if (!unknown.length) continue;
      withUnknown++;
      // Each listed property is still in the document the designer saves.
      const text = JSON.stringify(readableOrder(json));
      for (const u of unknown) expect(text).toContain(`"${u.property}"`);
    }
    // A planted one is reported by name.
    const planted = unknownProperties({
      pages: [{ name: 'p', elements: [{ type: 'text', name: 'q', legacyWidget: 'x' }] }],
    });
    expect(planted).toEqual([{ where: 'q', property: 'legacyWidget' }]);
    expect(withUnknown).toBeGreaterThanOrEqual(0);
  });
});
