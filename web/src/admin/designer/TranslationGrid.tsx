/**
 * The translation grid: every text citizens read × Uzbek (Latin), Uzbek (Cyrillic), Russian and
 * English, editable in place, with filters (missing, outdated, to review), completeness per
 * language, Cyrillic filled by transliteration (marked for review), and CSV / XLIFF 2.0 files.
 */
import { useMemo, useRef, useState } from 'react';
import {
  setText,
  sourceText,
  surveyTexts,
  textIn,
  type SurveyText,
} from '../../../../common/survey/texts';
import { latinToCyrillic } from '../../../../common/survey/translit';
import { LANGUAGES, type Lang } from '../../../../common/survey/types';
import { fmt, STRINGS } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { Notice } from '../ui/Notice';
import { elementsOf } from '../../../../common/survey/walk';
import { propLabel } from './labels';
import { textOf } from './text-of';
import {
  exportCsv,
  exportXliff,
  importCsv,
  importXliff,
  type ImportResult,
} from './model/translation-io';
import { isOutdated, needsReview, noteTranslated, TARGETS } from './model/translation-state';
import type { DesignerDoc } from './use-document';
import type { TranslationStateHandle } from './use-translation-state';

type Filter = 'all' | 'missing' | 'outdated' | 'review';

function download(name: string, text: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const shown = (t: SurveyText) =>
  Object.values(t.texts).some((v) => v?.trim()) || t.fallback !== undefined;

export function TranslationGrid({
  doc,
  translations,
  slug,
}: {
  doc: DesignerDoc;
  translations: TranslationStateHandle;
  slug: string;
}) {
  const { s, lang: uiLang } = useLang();
  const g = s.designer.grid;
  const json = doc.json;
  const texts = useMemo(() => surveyTexts(json).filter(shown), [json]);
  const [filter, setFilter] = useState<Filter>('all');
  const [target, setTarget] = useState<Lang>('ru');
  const [report, setReport] = useState<{ kind: 'ok' | 'warn'; lines: string[] } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const state = translations.state;

  const has = (t: SurveyText, l: Lang) => textIn(t, l) !== undefined;
  const missing = (t: SurveyText) => LANGUAGES.some((l) => !has(t, l));
  const outdated = (t: SurveyText) => TARGETS.some((l) => isOutdated(state, t, l));
  const review = (t: SurveyText) => TARGETS.some((l) => needsReview(state, t.key, l) && has(t, l));
  const rows = texts.filter(
    (t) =>
      filter === 'all' ||
      (filter === 'missing' ? missing(t) : filter === 'outdated' ? outdated(t) : review(t)),
  );

  const write = (t: SurveyText, lang: Lang, value: string) => {
    doc.change(
      fmt(s.designer.steps.translate, { key: t.key }),
      (j) => {
        const fresh = surveyTexts(j).find((x) => x.key === t.key);
        return fresh ? setText(j, fresh, lang, value) : j;
      },
      `tr:${t.key}:${lang}`,
    );
    if (lang !== 'uz') translations.set((st) => noteTranslated(st, t, lang));
  };

  const prefill = () => {
    const todo = texts.filter((t) => !has(t, 'uz-Cyrl') && sourceText(t) !== '');
    if (!todo.length) {
      setReport({ kind: 'ok', lines: [fmt(g.prefilled, { n: 0 })] });
      return;
    }
    doc.change(s.designer.steps.prefill, (j) => {
      let out = j;
      for (const t of todo) {
        const fresh = surveyTexts(out).find((x) => x.key === t.key);
        if (fresh) out = setText(out, fresh, 'uz-Cyrl', latinToCyrillic(sourceText(fresh)));
      }
      return out;
    });
    translations.set((st) => todo.reduce((acc, t) => noteTranslated(acc, t, 'uz-Cyrl', true), st));
    setReport({ kind: 'ok', lines: [fmt(g.prefilled, { n: todo.length })] });
  };

  const onFile = async (f: File) => {
    const text = await f.text();
    const isXml = /^\s*(<\?xml|<xliff)/.test(text);
    const r: ImportResult = isXml ? importXliff(json, text) : importCsv(json, text);
    if (r.changed.length) {
      doc.change(s.designer.steps.import, () => r.json);
      translations.set((st) =>
        r.changed.reduce((acc, c) => {
          const t = surveyTexts(r.json).find((x) => x.key === c.key);
          return t && c.lang !== 'uz' ? noteTranslated(acc, t, c.lang) : acc;
        }, st),
      );
    }
    const lines = [
      r.changed.length ? fmt(g.imported, { n: r.changed.length }) : g.importUnchanged,
      ...r.mismatches.map((m) =>
        fmt(g.mismatch, { key: m.key, reason: g.reasons[m.reason] ?? m.reason }),
      ),
    ];
    setReport({ kind: r.mismatches.length ? 'warn' : 'ok', lines });
  };

  const titles = new Map(
    elementsOf(json).map((e) => [String(e.element.name ?? ''), textOf(e.element.title, 'uz')]),
  );
  const whereOf = (t: SurveyText) => {
    const owner =
      t.owner.kind === 'survey'
        ? s.designer.surveySettings
        : t.owner.kind === 'page'
          ? fmt(s.designer.page, { n: (t.owner.page ?? 0) + 1 })
          : titles.get(t.owner.name) || t.owner.name;
    return [owner, t.item, propLabel(t.prop, uiLang)].filter(Boolean).join(' › ');
  };

  const count = (l: Lang) =>
    texts.filter((t) => has(t, l) || (l === 'uz-Cyrl' && has(t, 'uz'))).length;

  return (
    <section className="dz-grid" aria-labelledby="dz-grid-title">
      <h2 id="dz-grid-title">{g.title}</h2>
      <p className="muted">{g.intro}</p>
      <div className="dz-grid-bar">
        <ul className="dz-complete" aria-label={g.complete.replace('{pct}%', '')}>
          {LANGUAGES.map((l) => {
            const done = count(l);
            const pct = texts.length ? Math.floor((done / texts.length) * 100) : 100;
            return (
              <li key={l} data-complete={l}>
                <span>{STRINGS[l].langName}</span>
                <meter
                  min={0}
                  max={texts.length || 1}
                  value={done}
                  aria-label={fmt(g.counts, {
                    lang: STRINGS[l].langName,
                    done,
                    total: texts.length,
                  })}
                />
                <span>{fmt(g.complete, { pct })}</span>
              </li>
            );
          })}
        </ul>
        <label className="field-inline">
          <span>{g.show}</span>
          <select value={filter} onChange={(e) => setFilter(e.target.value as Filter)} data-filter>
            <option value="all">{g.all}</option>
            <option value="missing">{g.missing}</option>
            <option value="outdated">{g.outdated}</option>
            <option value="review">{g.review}</option>
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={prefill}>
          {g.prefill}
        </button>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => download(`${slug}-translations.csv`, exportCsv(json), 'text/csv')}
        >
          {g.exportCsv}
        </button>
        <label className="field-inline">
          <span>{g.target}</span>
          <select value={target} onChange={(e) => setTarget(e.target.value as Lang)}>
            {TARGETS.map((l) => (
              <option key={l} value={l}>
                {STRINGS[l].langName}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            download(
              `${slug}-${target}.xlf`,
              exportXliff(json, target, slug),
              'application/xliff+xml',
            )
          }
        >
          {g.exportXliff}
        </button>
        <button type="button" className="btn btn-small" onClick={() => file.current?.click()}>
          {g.import}
        </button>
        <input
          ref={file}
          type="file"
          accept=".csv,.xlf,.xliff,text/csv,application/xliff+xml"
          className="sr-only"
          aria-label={g.import}
          tabIndex={-1}
          data-import
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void onFile(f);
            e.target.value = '';
          }}
        />
      </div>
      {report && (
        <Notice kind={report.kind}>
          <ul className="dz-report">
            {report.lines.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
        </Notice>
      )}
      <p className="small muted" role="status">
        {fmt(g.shown, { n: rows.length, total: texts.length })}
      </p>
      {rows.length === 0 ? (
        <p>{g.none}</p>
      ) : (
        <table className="dz-grid-table">
          <thead>
            <tr>
              <th scope="col">{g.text}</th>
              {LANGUAGES.map((l) => (
                <th scope="col" key={l} lang={l}>
                  {STRINGS[l].langName}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.key} data-key={t.key}>
                <th scope="row">
                  <span className="dz-where">{whereOf(t)}</span>
                  <code>{t.key}</code>
                  {t.fallback !== undefined && !has(t, 'uz') && (
                    <small className="dz-warn">{fmt(g.fallbackMark, { text: t.fallback })}</small>
                  )}
                </th>
                {LANGUAGES.map((l) => {
                  const value = textIn(t, l) ?? '';
                  const old = isOutdated(state, t, l);
                  const rev = needsReview(state, t.key, l) && value !== '';
                  const derived = l === 'uz-Cyrl' && !value && has(t, 'uz');
                  return (
                    <td
                      key={l}
                      className={
                        !value && !derived
                          ? 'dz-cell-missing'
                          : old
                            ? 'dz-cell-old'
                            : rev
                              ? 'dz-cell-review'
                              : undefined
                      }
                    >
                      <textarea
                        rows={value.length > 60 ? 3 : 1}
                        lang={l}
                        aria-label={`${STRINGS[l].langName}: ${t.key}`}
                        data-lang={l}
                        value={value}
                        placeholder={derived ? latinToCyrillic(sourceText(t)) : ''}
                        onChange={(e) => write(t, l, e.target.value)}
                      />
                      {old && <small className="dz-warn">{g.outdatedMark}</small>}
                      {rev && (
                        <small className="dz-warn">
                          {g.reviewMark}{' '}
                          <button
                            type="button"
                            className="btn btn-small btn-quiet"
                            onClick={() => translations.set((st) => noteTranslated(st, t, l))}
                          >
                            {g.reviewed}
                          </button>
                        </small>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
