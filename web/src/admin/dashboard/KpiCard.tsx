import type { ReactNode } from 'react';

/** One headline number with what it is, its uncertainty and n underneath. */
export function KpiCard({
  title,
  value,
  detail,
  hint,
  id,
  change,
}: {
  title: string;
  value: ReactNode;
  detail?: ReactNode;
  hint?: string;
  id: string;
  /** The change against the previous comparable period. */
  change?: ReactNode;
}) {
  return (
    <article className="kpi-card" aria-labelledby={`kpi-${id}`} data-kpi={id} title={hint}>
      <h3 id={`kpi-${id}`}>{title}</h3>
      <div className="kpi-value">{value}</div>
      {detail && <div className="kpi-detail">{detail}</div>}
      {change}
    </article>
  );
}
