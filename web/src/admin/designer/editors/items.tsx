/**
 * Hand-made editors of lists: choices, rows and matrix columns (value, text in the chosen
 * language, a row's role), matrix-of-lists columns (name, title, answer type), and the texts of a
 * multiple-text question. Items are added, removed and moved with buttons; choices can also be
 * edited as lines ("value|text").
 */
import { useState } from 'react';
import type { Lang } from '../../../../../common/survey/types';
import { fmt } from '../../i18n/strings';
import { useLang } from '../../i18n/lang';
import { RoleSelect } from './refs';
import type { EditorProps } from './types';

type Item = Record<string, unknown>;

const asItem = (v: unknown): Item =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Item) : { value: v };
const textIn = (v: unknown, lang: Lang): string => {
  if (typeof v === 'string') return lang === 'uz' ? v : '';
  if (v && typeof v === 'object') {
    const t = v as Record<string, string>;
    return (lang === 'uz' ? (t.uz ?? t.default) : t[lang]) ?? '';
  }
  return '';
};
const withText = (v: unknown, lang: Lang, text: string): unknown => {
  const t: Record<string, string> =
    typeof v === 'string'
      ? { default: v }
      : v && typeof v === 'object'
        ? { ...(v as Record<string, string>) }
        : {};
  const slot = lang === 'uz' && t.uz === undefined && t.default !== undefined ? 'default' : lang;
  if (text === '') delete t[slot];
  else t[slot] = text;
  const keys = Object.keys(t);
  return !keys.length ? undefined : keys.length === 1 && keys[0] === 'default' ? t.default : t;
};

function move<T>(list: T[], i: number, dir: number): T[] {
  const j = i + dir;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

/** Move up, move down and remove, for row `at` of a list. */
function RowActions<T>({
  list,
  at,
  label,
  onChange,
}: {
  list: T[];
  at: number;
  label: string;
  onChange(next: T[]): void;
}) {
  const { s } = useLang();
  const d = s.designer.items;
  const button = (text: string, name: string, disabled: boolean, next: () => T[]) => (
    <button
      type="button"
      className="btn btn-small btn-quiet"
      aria-label={name}
      disabled={disabled}
      onClick={() => onChange(next())}
    >
      {text}
    </button>
  );
  return (
    <td className="dz-row-actions">
      {button('↑', fmt(d.up, { value: label }), at === 0, () => move(list, at, -1))}
      {button('↓', fmt(d.down, { value: label }), at === list.length - 1, () => move(list, at, 1))}
      {button('✕', fmt(d.remove, { value: label }), false, () => list.filter((_, j) => j !== at))}
    </td>
  );
}

/** A value as typed: a number when the list's values are numbers. */
const typed = (text: string, numeric: boolean): string | number =>
  numeric && text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;

export function ItemsEditor({ id, label, value, onChange, lang, prop, json, owner }: EditorProps) {
  const { s } = useLang();
  const d = s.designer.items;
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  const numeric = list.length > 0 && list.every((v) => typeof asItem(v).value === 'number');
  const rowsWithRoles = prop.name === 'rows';
  const [bulk, setBulk] = useState<string | null>(null);
  const set = (next: unknown[], merge = false) => onChange(next.length ? next : undefined, merge);
  const update = (i: number, patch: Item, merge = true) => {
    const cur = asItem(list[i]);
    const item: Item = { ...cur, ...patch };
    for (const k of Object.keys(item)) if (item[k] === undefined) delete item[k];
    // A bare value stays bare while it has nothing else.
    const bare = Object.keys(item).length === 1 && 'value' in item && typeof list[i] !== 'object';
    set(
      list.map((v, j) => (j === i ? (bare ? item.value : item) : v)),
      merge,
    );
  };
  const add = () => {
    const values = new Set(list.map((v) => String(asItem(v).value)));
    let n = list.length + 1;
    const stem = prop.name === 'rows' ? 'row' : prop.name === 'columns' ? 'column' : 'item';
    while (values.has(numeric ? String(n) : `${stem}${n}`)) n++;
    set([...list, { value: numeric ? n : `${stem}${n}` }]);
  };
  const applyBulk = (text: string) => {
    const next = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => {
        const [v, ...rest] = line.split('|');
        const val = typed(v!.trim(), numeric);
        const old = list.map(asItem).find((it) => String(it.value) === String(val));
        const t = rest.join('|').trim();
        const item: Item = { ...(old ?? {}), value: val };
        if (t) item.text = withText(item.text, lang, t);
        return item;
      });
    set(next);
    setBulk(null);
  };
  return (
    <fieldset className="dz-items" id={id} data-items={prop.name}>
      <legend>{label}</legend>
      {bulk === null ? (
        <>
          <table className="dz-items-table">
            <thead>
              <tr>
                <th scope="col">{d.value}</th>
                <th scope="col">{fmt(d.text, { lang })}</th>
                {rowsWithRoles && <th scope="col">{d.role}</th>}
                <th scope="col">
                  <span className="sr-only">{s.designer.moveTo}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((v, i) => {
                const it = asItem(v);
                const val = String(it.value ?? '');
                return (
                  <tr key={i}>
                    <td>
                      <input
                        aria-label={`${d.value} ${i + 1}`}
                        value={val}
                        onChange={(e) => update(i, { value: typed(e.target.value, numeric) })}
                      />
                    </td>
                    <td>
                      <input
                        aria-label={`${fmt(d.text, { lang })} ${i + 1}`}
                        lang={lang}
                        value={textIn(it.text, lang)}
                        placeholder={textIn(it.text, 'uz') || val}
                        onChange={(e) =>
                          update(i, { text: withText(it.text, lang, e.target.value) })
                        }
                      />
                    </td>
                    {rowsWithRoles && (
                      <td>
                        <RoleSelect
                          id={`${id}-role-${i}`}
                          label={`${d.role} ${i + 1}`}
                          value={it.role}
                          onChange={(role) => update(i, { role }, false)}
                          json={json}
                          owner={owner}
                        />
                      </td>
                    )}
                    <RowActions list={list} at={i} label={val} onChange={(next) => set(next)} />
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="dz-items-bar">
            <button type="button" className="btn btn-small" onClick={add}>
              ＋ {d.addItem}
            </button>
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() =>
                setBulk(
                  list
                    .map(asItem)
                    .map((it) => {
                      const t = textIn(it.text, lang);
                      return t ? `${String(it.value)}|${t}` : String(it.value);
                    })
                    .join('\n'),
                )
              }
            >
              {d.bulk}
            </button>
          </div>
        </>
      ) : (
        <>
          <label htmlFor={`${id}-bulk`}>{d.bulkHint}</label>
          <textarea
            id={`${id}-bulk`}
            rows={6}
            className="dz-code"
            value={bulk}
            onChange={(e) => setBulk(e.target.value)}
          />
          <button type="button" className="btn btn-small" onClick={() => applyBulk(bulk)}>
            {d.apply}
          </button>
        </>
      )}
    </fieldset>
  );
}

const CELL_TYPES = [
  'default',
  'dropdown',
  'checkbox',
  'radiogroup',
  'tagbox',
  'text',
  'comment',
  'boolean',
  'expression',
  'rating',
];

/** Columns of a matrix of lists: name, title in the chosen language, answer type. */
export function ColumnsEditor({ id, label, value, onChange, lang }: EditorProps) {
  const { s } = useLang();
  const d = s.designer.items;
  const list = Array.isArray(value) ? (value as Item[]) : [];
  const set = (next: Item[], merge = false) => onChange(next.length ? next : undefined, merge);
  const update = (i: number, patch: Item) =>
    set(
      list.map((c, j) => {
        if (j !== i) return c;
        const next: Item = { ...c, ...patch };
        for (const k of Object.keys(next)) if (next[k] === undefined) delete next[k];
        return next;
      }),
      true,
    );
  return (
    <fieldset className="dz-items" id={id} data-items="columns">
      <legend>{label}</legend>
      <table className="dz-items-table">
        <thead>
          <tr>
            <th scope="col">{d.name}</th>
            <th scope="col">{fmt(d.text, { lang })}</th>
            <th scope="col">{d.cellType}</th>
            <th scope="col">
              <span className="sr-only">{s.designer.moveTo}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.map((c, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`${d.name} ${i + 1}`}
                  value={String(c.name ?? '')}
                  onChange={(e) => update(i, { name: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`${fmt(d.text, { lang })} ${i + 1}`}
                  lang={lang}
                  value={textIn(c.title, lang)}
                  placeholder={textIn(c.title, 'uz') || String(c.name ?? '')}
                  onChange={(e) => update(i, { title: withText(c.title, lang, e.target.value) })}
                />
              </td>
              <td>
                <select
                  aria-label={`${d.cellType} ${i + 1}`}
                  value={String(c.cellType ?? 'default')}
                  onChange={(e) =>
                    update(i, {
                      cellType: e.target.value === 'default' ? undefined : e.target.value,
                    })
                  }
                >
                  {CELL_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t === 'default' ? s.designer.props.none : (s.designer.types[t] ?? t)}
                    </option>
                  ))}
                </select>
              </td>
              <RowActions
                list={list}
                at={i}
                label={String(c.name)}
                onChange={(next) => set(next)}
              />
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => set([...list, { name: `column${list.length + 1}` }])}
      >
        ＋ {d.addItem}
      </button>
    </fieldset>
  );
}

/** The texts of a multiple-text question: name and title. */
export function TextItemsEditor(props: EditorProps) {
  return <ColumnsLike {...props} />;
}

function ColumnsLike({ id, label, value, onChange, lang }: EditorProps) {
  const { s } = useLang();
  const d = s.designer.items;
  const list = Array.isArray(value) ? (value as Item[]) : [];
  const set = (next: Item[], merge = false) => onChange(next.length ? next : undefined, merge);
  return (
    <fieldset className="dz-items" id={id} data-items="items">
      <legend>{label}</legend>
      {list.map((c, i) => (
        <div key={i} className="dz-inline">
          <input
            aria-label={`${d.name} ${i + 1}`}
            value={String(c.name ?? '')}
            onChange={(e) =>
              set(
                list.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)),
                true,
              )
            }
          />
          <input
            aria-label={`${fmt(d.text, { lang })} ${i + 1}`}
            lang={lang}
            value={textIn(c.title, lang)}
            onChange={(e) =>
              set(
                list.map((x, j) =>
                  j === i ? { ...x, title: withText(x.title, lang, e.target.value) } : x,
                ),
                true,
              )
            }
          />
          <button
            type="button"
            className="btn btn-small btn-quiet"
            aria-label={fmt(d.remove, { value: String(c.name) })}
            onClick={() => set(list.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => set([...list, { name: `text${list.length + 1}` }])}
      >
        ＋ {d.addItem}
      </button>
    </fieldset>
  );
}
