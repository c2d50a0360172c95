import { useLang } from '../i18n/lang';

/** A grey placeholder of the size of what is loading (announced once to screen readers). */
export function Skeleton({ height = 120, lines = 0 }: { height?: number; lines?: number }) {
  const { s } = useLang();
  return (
    <div className="skeleton-wrap" role="status" aria-label={s.app.loading}>
      {lines > 0 ? (
        Array.from({ length: lines }, (_, i) => <div key={i} className="skeleton skeleton-line" />)
      ) : (
        <div className="skeleton" style={{ height }} />
      )}
    </div>
  );
}
