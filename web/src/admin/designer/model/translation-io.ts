/**
 * Translation files: CSV (key, uz, uz-Cyrl, ru, en) and XLIFF 2.0 (one file per target language,
 * Uzbek Latin as the source). Importing writes only what differs; an unchanged file changes
 * nothing; a row whose key the survey does not have, or whose Uzbek source is no longer today's,
 * is reported by its key and not imported. Pure.
 */
import { parse } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { setText, sourceText, surveyTexts, textIn } from '../../../../../common/survey/texts';
import { isLang, LANGUAGES, type Lang, type SurveyJson } from '../../../../../common/survey/types';

export interface Mismatch {
  key: string;
  reason: 'unknownKey' | 'sourceChanged' | 'badFile' | 'badLang';
}

export interface ImportResult {
  json: SurveyJson;
  /** The cells written. */
  changed: { key: string; lang: Lang }[];
  mismatches: Mismatch[];
}

export function exportCsv(json: SurveyJson): string {
  const rows = surveyTexts(json).map((t) => [t.key, ...LANGUAGES.map((l) => textIn(t, l) ?? '')]);
  return stringify([['key', ...LANGUAGES], ...rows]);
}

export function exportXliff(json: SurveyJson, target: Lang, fileId: string): string {
  const units = surveyTexts(json).map((t) => {
    const target_ = textIn(t, target);
    return {
      '@_id': t.key,
      notes: {
        note: {
          '@_category': 'location',
          '#text': `${t.owner.kind} ${t.owner.name || ''} › ${t.prop}`.replace('  ', ' '),
        },
      },
      segment: {
        '@_state': target_ === undefined ? 'initial' : 'translated',
        source: sourceText(t) || t.fallback || '',
        ...(target_ === undefined ? {} : { target: target_ }),
      },
    };
  });
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    xliff: {
      '@_xmlns': 'urn:oasis:names:tc:xliff:document:2.0',
      '@_version': '2.0',
      '@_srcLang': 'uz',
      '@_trgLang': target,
      file: { '@_id': fileId, unit: units },
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, format: true, suppressEmptyNode: false }).build(
    doc,
  ) as string;
}

interface Entry {
  key: string;
  source: string;
  /** A CSV's Uzbek column may write a text that has none yet; an XLIFF source never does. */
  writesSource: boolean;
  texts: Partial<Record<Lang, string>>;
}

function apply(json: SurveyJson, entries: Entry[], mismatches: Mismatch[]): ImportResult {
  const changed: ImportResult['changed'] = [];
  let out = json;
  // Paths and keys stay as they are while texts are written (a bare choice becomes an object in
  // its own place), so the texts are listed once.
  const byKey = new Map(surveyTexts(json).map((t) => [t.key, t]));
  for (const e of entries) {
    const t = byKey.get(e.key);
    if (!t) {
      mismatches.push({ key: e.key, reason: 'unknownKey' });
      continue;
    }
    const current = sourceText(t);
    if (current !== '' && e.source !== '' && e.source !== current) {
      mismatches.push({ key: e.key, reason: 'sourceChanged' });
      continue;
    }
    const wanted: [Lang, string][] = Object.entries(e.texts) as [Lang, string][];
    if (current === '' && e.source !== '' && e.writesSource) wanted.unshift(['uz', e.source]);
    for (const [lang, text] of wanted) {
      if (text === '' || (textIn(t, lang) ?? '') === text) continue;
      out = setText(out, t, lang, text);
      changed.push({ key: e.key, lang });
    }
  }
  return { json: out, changed, mismatches };
}

export function importCsv(json: SurveyJson, text: string): ImportResult {
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch {
    return { json, changed: [], mismatches: [{ key: '', reason: 'badFile' }] };
  }
  const [head, ...body] = rows;
  const keyAt = head?.indexOf('key') ?? -1;
  if (!head || keyAt < 0)
    return { json, changed: [], mismatches: [{ key: '', reason: 'badFile' }] };
  const mismatches: Mismatch[] = [];
  const cols = head.map((h, i) => [h.trim(), i] as const).filter(([h]) => h !== 'key');
  for (const [h] of cols) if (!isLang(h)) mismatches.push({ key: h, reason: 'badLang' });
  const entries = body.map((r) => {
    const texts: Partial<Record<Lang, string>> = {};
    let source = '';
    for (const [h, i] of cols) {
      if (!isLang(h)) continue;
      if (h === 'uz') source = r[i] ?? '';
      else texts[h] = r[i] ?? '';
    }
    return { key: r[keyAt] ?? '', source, texts, writesSource: true };
  });
  return apply(json, entries, mismatches);
}

export function importXliff(json: SurveyJson, text: string): ImportResult {
  let doc: Record<string, unknown>;
  try {
    doc = new XMLParser({
      ignoreAttributes: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: false,
      isArray: (name) => name === 'unit' || name === 'file' || name === 'segment',
    }).parse(text) as Record<string, unknown>;
  } catch {
    return { json, changed: [], mismatches: [{ key: '', reason: 'badFile' }] };
  }
  const xliff = doc.xliff as Record<string, unknown> | undefined;
  const lang = xliff?.['@_trgLang'];
  if (!xliff || !isLang(lang))
    return {
      json,
      changed: [],
      mismatches: [{ key: String(lang ?? ''), reason: xliff ? 'badLang' : 'badFile' }],
    };
  const entries: Entry[] = [];
  const byKey = new Map(surveyTexts(json).map((t) => [t.key, t]));
  const str = (v: unknown) =>
    typeof v === 'string'
      ? v
      : typeof v === 'number'
        ? String(v)
        : v && typeof v === 'object' && '#text' in v
          ? String((v as { '#text': unknown })['#text'])
          : '';
  for (const file of (xliff.file as Record<string, unknown>[] | undefined) ?? []) {
    for (const unit of (file.unit as Record<string, unknown>[] | undefined) ?? []) {
      const seg = (unit.segment as Record<string, unknown>[] | undefined)?.[0] ?? {};
      const target = str(seg.target);
      const current = byKey.get(String(unit['@_id'] ?? ''));
      // A text with no Uzbek of its own was exported with what citizens see instead.
      const source = current && sourceText(current) === '' ? '' : str(seg.source);
      entries.push({
        key: String(unit['@_id'] ?? ''),
        source: lang === 'uz' ? '' : source,
        texts: { [lang]: target },
        writesSource: false,
      });
    }
  }
  return apply(json, entries, []);
}
