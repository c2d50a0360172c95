import { useLang } from '../i18n/lang';

export function Message({ kind }: { kind: 'notFound' | 'forbidden' }) {
  const { s } = useLang();
  return (
    <div className="notice notice-warn" role="alert">
      <p>{kind === 'notFound' ? s.app.notFound : s.app.forbidden}</p>
    </div>
  );
}
