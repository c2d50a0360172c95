/** A unified diff of two pretty-printed JSON texts (jsdiff), with three lines of context. */
import { structuredPatch } from 'diff';
import { useMemo } from 'react';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';

export function DiffView({
  left,
  right,
  names,
}: {
  left: string;
  right: string;
  names: [string, string];
}) {
  const { s } = useLang();
  const patch = useMemo(
    () => structuredPatch(names[0], names[1], left, right, '', '', { context: 3 }),
    [left, right, names],
  );
  if (!patch.hunks.length) return <p>{s.history.same}</p>;
  let added = 0;
  let removed = 0;
  for (const h of patch.hunks)
    for (const l of h.lines) {
      if (l.startsWith('+')) added++;
      else if (l.startsWith('-')) removed++;
    }
  return (
    <div className="diff">
      <p className="diff-summary">
        <span className="diff-add">{fmt(s.history.added, { n: added })}</span> ·{' '}
        <span className="diff-del">{fmt(s.history.removed, { n: removed })}</span>
      </p>
      {patch.hunks.map((h, i) => {
        let a = h.oldStart;
        let b = h.newStart;
        return (
          <table key={i} className="diff-hunk">
            <tbody>
              <tr className="diff-head">
                <td colSpan={3}>
                  @@ −{h.oldStart},{h.oldLines} +{h.newStart},{h.newLines} @@
                </td>
              </tr>
              {h.lines.map((line, j) => {
                const kind = line[0] === '+' ? 'add' : line[0] === '-' ? 'del' : 'ctx';
                const left = kind === 'add' ? '' : a++;
                const right = kind === 'del' ? '' : b++;
                return (
                  <tr key={j} className={`diff-${kind}`}>
                    <td className="diff-ln">{left}</td>
                    <td className="diff-ln">{right}</td>
                    <td className="diff-code">
                      <span aria-hidden="true">{line[0]}</span>
                      {line.slice(1)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
