import { ApiError } from '../api/client';
import { fmt, problemText } from '../i18n/strings';
import { useLang } from '../i18n/lang';

/** An error from the API or the page, with a retry when one makes sense. */
export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  const { s } = useLang();
  const text =
    error instanceof ApiError && error.status === 403
      ? s.app.forbidden
      : fmt(s.app.error, { message: error.message });
  return (
    <div className="notice notice-error" role="alert">
      <p>{text}</p>
      {error instanceof ApiError && error.fields.length > 0 && (
        <ul>
          {error.fields.map((f, i) => (
            <li key={i}>
              <code>{f.name}</code>: {problemText(s, f)}
            </li>
          ))}
        </ul>
      )}
      {retry && (
        <button type="button" className="btn" onClick={retry}>
          {s.app.retry}
        </button>
      )}
    </div>
  );
}
