/** Per language, the texts the questionnaire lacks (Cyrillic gaps are derived, listed apart). */
import { useMemo } from 'react';
import { LANGUAGES } from '../../../../server/survey/types';
import { parseSurvey } from '../designer/parse';
import { translationReport, type TextGap } from '../designer/translations';
import { fmt, STRINGS } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';

function Gaps({ gaps }: { gaps: TextGap[] }) {
  const { s } = useLang();
  return (
    <table className="data-table compact">
      <thead>
        <tr>
          <th scope="col">{s.translations.path}</th>
          <th scope="col">{s.translations.text}</th>
        </tr>
      </thead>
      <tbody>
        {gaps.map((g) => (
          <tr key={g.path}>
            <td>
              <code>{g.path}</code>
            </td>
            <td>{g.sample}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TranslationsTab({ text }: { text: string }) {
  const { s } = useLang();
  const json = useMemo(() => parseSurvey(text), [text]);
  const report = useMemo(() => (json ? translationReport(json) : null), [json]);
  if (!report) return <Notice kind="warn">{s.surveys.invalidJson}</Notice>;
  const complete = LANGUAGES.every((l) => report.missing[l].length === 0) && !report.plain.length;
  return (
    <div className="translations">
      <h2>{s.translations.title}</h2>
      {complete && <Notice kind="ok">{s.translations.complete}</Notice>}
      <div className="grid-2">
        {LANGUAGES.map((l) => (
          <Panel
            key={l}
            title={
              <>
                {STRINGS[l].langName} <small lang="en">({l})</small>{' '}
                <span className={report.missing[l].length ? 'badge badge-bad' : 'badge badge-open'}>
                  {fmt(s.translations.missing, { count: report.missing[l].length })}
                </span>
              </>
            }
          >
            {report.missing[l].length > 0 && <Gaps gaps={report.missing[l]} />}
            {l === 'uz-Cyrl' && report.derived.length > 0 && (
              <details>
                <summary>
                  {report.derived.length} · {s.translations.derived}
                </summary>
                <Gaps gaps={report.derived} />
              </details>
            )}
          </Panel>
        ))}
      </div>
      {report.plain.length > 0 && (
        <Panel title={`${report.plain.length} · ${s.translations.plain}`}>
          <Gaps gaps={report.plain} />
        </Panel>
      )}
    </div>
  );
}
