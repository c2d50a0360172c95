import { useLang } from '../i18n/lang';

/** A visible, announced loading state. */
export function Spinner({ block = false, label }: { block?: boolean; label?: string }) {
  const { s } = useLang();
  return (
    <div className={block ? 'spinner spinner-block' : 'spinner'} role="status">
      <span className="spinner-wheel" aria-hidden="true" />
      <span className="spinner-label">{label ?? s.app.loading}</span>
    </div>
  );
}
