/**
 * The checks before opening, as the sociologist types: "ready to open", or what must be fixed
 * (errors) and what is worth a look (warnings), each linked to its question.
 */
import type { OpenCheck, Problem } from '../../../../common/survey/open-check';
import { fmt, STRINGS, type Strings } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import type { UnknownProperty } from './model/instance';

export function problemText(p: Problem, s: Strings): string {
  const c = s.designer.checker.codes;
  const where = [
    p.question
      ? `“${p.question}”`
      : p.page !== undefined
        ? fmt(s.designer.page, { n: p.page + 1 })
        : s.designer.checker.surveyWide,
    p.key?.split('.').slice(1).join(' › '),
  ]
    .filter(Boolean)
    .join(' › ');
  switch (p.code) {
    case 'missing-text':
      return p.sample !== undefined && p.message.includes('citizens would see')
        ? fmt(c['missing-fallback']!, {
            lang: STRINGS[p.lang ?? 'uz'].langName,
            where,
            text: p.sample,
          })
        : fmt(c['missing-text']!, {
            lang: STRINGS[p.lang ?? 'uz'].langName,
            where: `${where}${p.sample ? ` (“${p.sample}”)` : ''}`,
          });
    case 'bad-expression':
      return fmt(c['bad-expression']!, {
        name: p.question ?? s.designer.checker.surveyWide,
        expr: p.message.split(': ').slice(1).join(': '),
      });
    case 'broken-reference':
      return fmt(c['broken-reference']!, {
        name: p.question ?? s.designer.checker.surveyWide,
        names: (p.names ?? []).join(', '),
      });
    case 'empty-page':
      return fmt(c['empty-page']!, { n: (p.page ?? 0) + 1 });
    case 'no-role':
    case 'phone-dropdown':
      return fmt(c[p.code]!, { name: p.question ?? '' });
    default:
      return c[p.code] ?? p.message;
  }
}

export function CheckerBar({
  check,
  unknown: strangers,
  onGoTo,
}: {
  check: OpenCheck;
  unknown: UnknownProperty[];
  onGoTo(question: string | undefined, page: number | undefined): void;
}) {
  const { s } = useLang();
  const k = s.designer.checker;
  const problems = [...check.errors, ...check.warnings];
  const warnings = check.warnings.length + strangers.length;
  return (
    <section
      className={check.ok ? 'dz-check dz-check-ok' : 'dz-check dz-check-bad'}
      aria-label={k.title}
      data-check={check.ok ? 'ok' : 'errors'}
      data-errors={check.errors.length}
      data-warnings={warnings}
    >
      {problems.length === 0 && strangers.length === 0 ? (
        <p>✓ {k.ready}</p>
      ) : (
        <details>
          <summary>
            <strong>{k.title}:</strong>{' '}
            {check.errors.length > 0 && (
              <span className="dz-bad">{fmt(k.errors, { n: check.errors.length })}</span>
            )}
            {check.errors.length > 0 && warnings > 0 && ' · '}
            {check.warnings.length > 0 && (
              <span className="dz-warn">{fmt(k.warnings, { n: check.warnings.length })}</span>
            )}
          </summary>
          <ul className="dz-problems">
            {problems.slice(0, 200).map((p, i) => (
              <li
                key={i}
                className={p.severity === 'error' ? 'dz-problem-error' : 'dz-problem-warning'}
                data-code={p.code}
                data-question={p.question}
              >
                <span>{problemText(p, s)}</span>{' '}
                <button
                  type="button"
                  className="btn btn-small btn-quiet"
                  onClick={() => onGoTo(p.question, p.page)}
                >
                  {fmt(k.goTo, {
                    name:
                      p.question ??
                      (p.page !== undefined
                        ? fmt(s.designer.page, { n: p.page + 1 })
                        : k.surveyWide),
                  })}
                </button>
              </li>
            ))}
            {strangers.map((u, i) => (
              <li
                key={`u${i}`}
                className="dz-problem-warning"
                data-code="unknown-property"
                data-question={u.where}
              >
                {fmt(k.codes['unknown-property']!, { property: u.property, where: u.where })}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
