/**
 * The toolbox: every question type survey-core can create (from its ElementFactory) that an
 * anonymous survey may have (uploads are refused when the questionnaire is saved), Ovoz's
 * standard blocks with their roles and four-language texts, and the installation's library.
 * Each is a button: it adds after the selected question, or at the end of the selected page.
 */
import { ElementFactory } from 'survey-core';
import { UPLOADS } from '../../../../common/survey/uploads';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import type { BlockKey, DriversAs } from './blocks';
import { LibraryList } from './LibraryList';
import type { LibraryItem } from './library-api';
import { Palette } from './Palette';

/** The order a sociologist looks for them in; any other type survey-core knows follows. */
const ORDER = [
  'radiogroup',
  'checkbox',
  'dropdown',
  'tagbox',
  'rating',
  'boolean',
  'text',
  'comment',
  'matrix',
  'matrixdropdown',
  'matrixdynamic',
  'multipletext',
  'ranking',
  'imagepicker',
  'slider',
  'expression',
  'html',
  'image',
  'panel',
  'paneldynamic',
];

export function creatableTypes(): string[] {
  const all = ElementFactory.Instance.getAllTypes().filter((t) => !UPLOADS.has(t));
  return [...ORDER.filter((t) => all.includes(t)), ...all.filter((t) => !ORDER.includes(t)).sort()];
}

export function Toolbox({
  onAdd,
  onBlock,
  driversAs,
  onDriversAs,
  library,
  onInsert,
  onRemoveItem,
}: {
  onAdd(type: string): void;
  onBlock(key: BlockKey): void;
  driversAs: DriversAs;
  onDriversAs(as: DriversAs): void;
  library: LibraryItem[] | null;
  onInsert(item: LibraryItem): void;
  onRemoveItem(item: LibraryItem): void;
}) {
  const { s } = useLang();
  const d = s.designer;
  return (
    <nav className="dz-toolbox" aria-label={d.toolbox}>
      <details open className="dz-tool-group">
        <summary>{d.questionTypes}</summary>
        <ul className="dz-types">
          {creatableTypes().map((t) => (
            <li key={t}>
              <button
                type="button"
                className="palette-btn"
                data-add={t}
                aria-label={fmt(d.addType, { type: d.types[t] ?? t })}
                onClick={() => onAdd(t)}
              >
                <span aria-hidden="true">＋ </span>
                {d.types[t] ?? t}
              </button>
            </li>
          ))}
        </ul>
        <p className="muted small">{d.uploadsNotOffered}</p>
      </details>
      <details className="dz-tool-group" open>
        <summary>{d.palette}</summary>
        <Palette
          driversAs={driversAs}
          onDriversAs={onDriversAs}
          onInsert={onBlock}
          disabled={false}
        />
      </details>
      <details className="dz-tool-group">
        <summary>{d.library.title}</summary>
        <LibraryList items={library} onInsert={onInsert} onRemove={onRemoveItem} />
      </details>
    </nav>
  );
}
