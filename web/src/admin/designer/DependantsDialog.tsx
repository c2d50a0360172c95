/** Before a question others depend on is deleted: the conditions and texts that name it. */
import { useEffect, useRef } from 'react';
import type { Site } from '../../../../common/survey/references';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';

export function DependantsDialog({
  name,
  sites,
  onConfirm,
  onCancel,
}: {
  name: string;
  sites: Site[];
  onConfirm(): void;
  onCancel(): void;
}) {
  const { s } = useLang();
  const t = s.designer.deps;
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dz-dialog"
      aria-labelledby="dz-deps-title"
      onCancel={onCancel}
      data-dependants
    >
      <h2 id="dz-deps-title">{fmt(t.title, { name })}</h2>
      <p>{t.intro}</p>
      <ul>
        {sites.map((site, i) => (
          <li key={i} data-site={site.owner.name}>
            <strong>
              {site.owner.kind === 'survey' ? s.designer.checker.surveyWide : site.owner.name}
            </strong>{' '}
            › {site.prop}: <code>{site.value}</code>
          </li>
        ))}
      </ul>
      <div className="dz-dialog-actions">
        <button type="button" className="btn" onClick={onCancel} autoFocus>
          {t.cancel}
        </button>
        <button type="button" className="btn btn-danger" onClick={onConfirm}>
          {t.confirm}
        </button>
      </div>
    </dialog>
  );
}
