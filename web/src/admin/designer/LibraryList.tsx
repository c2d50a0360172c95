/** The library's items, each inserted with a click (renamed to stay unique) or removed. */
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { Spinner } from '../ui/Spinner';
import type { LibraryItem } from './library-api';
import { textOf } from './text-of';

export function LibraryList({
  items,
  onInsert,
  onRemove,
}: {
  items: LibraryItem[] | null;
  onInsert(item: LibraryItem): void;
  onRemove(item: LibraryItem): void;
}) {
  const { s, lang } = useLang();
  const l = s.designer.library;
  if (!items) return <Spinner />;
  if (!items.length) return <p className="small muted">{l.empty}</p>;
  return (
    <ul className="dz-library">
      {items.map((it) => {
        const name = textOf(it.title, lang);
        return (
          <li key={it.id} data-library={name}>
            <button
              type="button"
              className="palette-btn"
              aria-label={fmt(l.insert, { name })}
              onClick={() => onInsert(it)}
            >
              <span aria-hidden="true">＋ </span>
              {name}
              <small className="muted"> · {fmt(l.by, { user: it.createdBy })}</small>
            </button>
            <button
              type="button"
              className="btn btn-small btn-quiet"
              aria-label={fmt(l.remove, { name })}
              onClick={() => onRemove(it)}
            >
              ✕
            </button>
          </li>
        );
      })}
    </ul>
  );
}
