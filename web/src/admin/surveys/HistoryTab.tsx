/** The versions of a survey and a diff between any two (pretty-printed JSON). */
import { useEffect, useState } from 'react';
import { surveysApi, type VersionInfo } from '../api/surveys';
import { pretty } from '../designer/parse';
import { useLang } from '../i18n/lang';
import { date } from '../lib/format';
import { ErrorBox } from '../ui/ErrorBox';
import { Panel } from '../ui/Panel';
import { Spinner } from '../ui/Spinner';
import { DiffView } from './DiffView';

export function HistoryTab({ slug, versions }: { slug: string; versions: VersionInfo[] }) {
  const { s, lang } = useLang();
  const last = versions.at(-1)?.version ?? 1;
  const [left, setLeft] = useState(Math.max(1, last - 1));
  const [right, setRight] = useState(last);
  const [texts, setTexts] = useState<Record<number, string>>({});
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    for (const v of [left, right]) {
      if (texts[v] !== undefined) continue;
      surveysApi.version(slug, v).then(
        (r) => setTexts((t) => ({ ...t, [v]: pretty(r.json) })),
        (e: unknown) => setError(e as Error),
      );
    }
  }, [slug, left, right, texts]);

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

  const a = texts[left];
  const b = texts[right];
  return (
    <div className="grid-history">
      <Panel title={s.history.title}>
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">{s.history.version}</th>
              <th scope="col">{s.history.created}</th>
            </tr>
          </thead>
          <tbody>
            {[...versions].reverse().map((v) => (
              <tr key={v.version}>
                <td>v{v.version}</td>
                <td>{date(v.createdAt, lang, true)}</td>
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
        ) : a === undefined || b === undefined ? (
          <Spinner />
        ) : (
          <DiffView left={a} right={b} names={[`v${left}`, `v${right}`]} />
        )}
      </Panel>
    </div>
  );
}
