/**
 * The versions of a survey (who saved each, from what) and what changed between any two, in plain
 * words, with the JSON lines behind it on request; any version can be brought back into the
 * designer as a new draft.
 */
import { useEffect, useMemo, useState } from 'react';
import { surveysApi, type VersionInfo } from '../api/surveys';
import { pretty } from '../designer/parse';
import { surveyChanges, type Change } from '../designer/model/survey-diff';
import { fmt, STRINGS, type Strings } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { date } from '../lib/format';
import { ErrorBox } from '../ui/ErrorBox';
import { Panel } from '../ui/Panel';
import { Spinner } from '../ui/Spinner';
import { DiffView } from './DiffView';

type Json = Record<string, unknown>;

export function changeText(c: Change, s: Strings): string {
  const d = s.designer.diff;
  switch (c.kind) {
    case 'surveyTitle':
      return d.surveyTitle;
    case 'translations':
      return fmt(d.translations, { lang: STRINGS[c.lang].langName, n: c.n });
    case 'surveyProp':
      return fmt(d.surveyProp, { prop: c.prop });
    default:
      return fmt(d[c.kind], c as unknown as Record<string, string | number>);
  }
}

export function HistoryTab({
  slug,
  versions,
  onRestore,
}: {
  slug: string;
  versions: VersionInfo[];
  onRestore(json: Json, version: number): void;
}) {
  const { s, lang } = useLang();
  const d = s.designer.diff;
  const last = versions.at(-1)?.version ?? 1;
  const [left, setLeft] = useState(Math.max(1, last - 1));
  const [right, setRight] = useState(last);
  const [jsons, setJsons] = useState<Record<number, Json>>({});
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    for (const v of [left, right]) {
      if (jsons[v] !== undefined) continue;
      surveysApi.version(slug, v).then(
        (r) => setJsons((t) => ({ ...t, [v]: r.json })),
        (e: unknown) => setError(e as Error),
      );
    }
  }, [slug, left, right, jsons]);

  const a = jsons[left];
  const b = jsons[right];
  const changes = useMemo(() => (a && b ? surveyChanges(a, b, lang) : null), [a, b, lang]);

  const restore = async (v: number) => {
    const r = await surveysApi.version(slug, v).catch((e: unknown) => {
      setError(e as Error);
      return null;
    });
    if (r) onRestore(r.json, v);
  };

  const pick = (value: number, set: (n: number) => void, label: string) => (
    <label className="field field-inline">
      <span>{label}</span>
      <select value={value} onChange={(e) => set(Number(e.target.value))}>
        {versions.map((v) => (
          <option key={v.version} value={v.version}>
            v{v.version}
          </option>
        ))}
      </select>
    </label>
  );

  const originOf = (v: VersionInfo) =>
    v.origin === 'restore'
      ? fmt(d.origins.restore!, { v: v.basedOn ?? '?' })
      : (d.origins[v.origin ?? 'file'] ?? v.origin ?? '');

  return (
    <div className="grid-history">
      <Panel title={s.history.title}>
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{s.history.version}</th>
              <th scope="col">{s.history.created}</th>
              <th scope="col">
                <span className="sr-only">{d.restore.replace('{v}', '')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.version} data-version={v.version}>
                <td>v{v.version}</td>
                <td>
                  {date(v.createdAt, lang, true)}
                  <br />
                  <small className="muted">
                    {v.author ? fmt(d.by, { author: v.author }) : ''} {originOf(v)}
                  </small>
                </td>
                <td>
                  {v.version !== last && (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() => void restore(v.version)}
                    >
                      {fmt(d.restore, { v: v.version })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <Panel
        title={s.history.compare}
        actions={
          <>
            {pick(left, setLeft, s.history.left)}
            {pick(right, setRight, s.history.right)}
          </>
        }
      >
        {error ? (
          <ErrorBox error={error} />
        ) : !a || !b || !changes ? (
          <Spinner />
        ) : (
          <>
            <h3 className="dz-diff-title">{d.title}</h3>
            {changes.length === 0 ? (
              <p>{d.none}</p>
            ) : (
              <ul className="dz-changes" data-changes>
                {changes.map((c, i) => (
                  <li key={i} data-change={c.kind}>
                    {changeText(c, s)}
                  </li>
                ))}
              </ul>
            )}
            <details>
              <summary>{d.showLines}</summary>
              <DiffView left={pretty(a)} right={pretty(b)} names={[`v${left}`, `v${right}`]} />
            </details>
          </>
        )}
      </Panel>
    </div>
  );
}
