/** Generic editors: text, long text, texts per language, yes/no, number, a choice, JSON. */
import { useEffect, useState } from 'react';
import { LANGUAGES } from '../../../../../common/survey/types';
import { fmt } from '../../i18n/strings';
import { useLang } from '../../i18n/lang';
import { enumLabel } from '../labels';
import type { EditorProps } from './types';

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));

export function TextEditor({ id, label, value, onChange, long }: EditorProps & { long?: boolean }) {
  const Tag = long ? 'textarea' : 'input';
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <Tag
        id={id}
        value={str(value)}
        rows={long ? 3 : undefined}
        onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value, true)}
      />
    </>
  );
}

export function ColorEditor({ id, label, value, onChange }: EditorProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="color"
        value={str(value) || '#000000'}
        onChange={(e) => onChange(e.target.value, true)}
      />
    </>
  );
}

/** A text per language: edits the language chosen for texts; the others shown below. */
export function LocalizedEditor({
  id,
  label,
  value,
  onChange,
  lang,
  long,
}: EditorProps & { long?: boolean }) {
  const { s } = useLang();
  const texts: Record<string, string> =
    typeof value === 'string'
      ? { default: value }
      : value && typeof value === 'object'
        ? (value as Record<string, string>)
        : {};
  const slot =
    lang === 'uz' && texts.uz === undefined && texts.default !== undefined ? 'default' : lang;
  const current = texts[slot] ?? '';
  const others = LANGUAGES.filter((l) => l !== lang)
    .map((l) => [l, l === 'uz' ? (texts.uz ?? texts.default) : texts[l]] as const)
    .filter(([, t]) => t);
  const write = (text: string) => {
    const next: Record<string, string> = { ...texts };
    if (text === '') delete next[slot];
    else next[slot] = text;
    const keys = Object.keys(next);
    onChange(
      !keys.length ? undefined : keys.length === 1 && keys[0] === 'default' ? next.default : next,
      true,
    );
  };
  const Tag = long ? 'textarea' : 'input';
  return (
    <>
      <label htmlFor={id}>
        {label} <small lang="en">({lang})</small>
      </label>
      <Tag
        id={id}
        lang={lang}
        value={current}
        rows={long ? 3 : undefined}
        placeholder={texts.uz ?? texts.default ?? ''}
        onChange={(e) => write(e.target.value)}
      />
      {others.length > 0 && (
        <small className="dz-others">
          {fmt(s.designer.props.otherLangs, {
            texts: others.map(([l, t]) => `${l}: ${t}`).join(' · '),
          })}
        </small>
      )}
    </>
  );
}

export function BooleanEditor({ id, label, value, onChange, prop }: EditorProps) {
  const checked = value === undefined ? prop.defaultValue === true : value === true;
  return (
    <label className="dz-check" htmlFor={id}>
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(e) =>
          onChange(e.target.checked === (prop.defaultValue === true) ? undefined : e.target.checked)
        }
      />{' '}
      {label}
    </label>
  );
}

export function NumberEditor({ id, label, value, onChange, prop }: EditorProps) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        value={str(value)}
        placeholder={prop.defaultValue !== undefined ? String(prop.defaultValue) : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value), true)}
      />
    </>
  );
}

/** The values survey-core offers for a property (its own list or the one it works out for this object). */
export function choicesOf(props: Pick<EditorProps, 'prop' | 'instance'>): unknown[] {
  try {
    return props.prop.getChoices(props.instance) ?? [];
  } catch {
    return props.prop.choices ?? [];
  }
}

const valueOfChoice = (c: unknown) =>
  c && typeof c === 'object' && 'value' in c ? (c as { value: unknown }).value : c;

export function SelectEditor(props: EditorProps) {
  const { s, lang } = useLang();
  const { id, label, value, onChange, prop } = props;
  const choices = choicesOf(props).map(valueOfChoice);
  const def = prop.defaultValue;
  const cur = value === undefined ? '' : JSON.stringify(value);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={cur}
        onChange={(e) =>
          onChange(e.target.value === '' ? undefined : (JSON.parse(e.target.value) as unknown))
        }
      >
        <option value="">
          {def !== undefined && def !== ''
            ? fmt(s.designer.props.default, { value: enumLabel(def, lang) })
            : s.designer.props.none}
        </option>
        {choices
          .filter((c) => c !== '' && c !== undefined && c !== null)
          .map((c) => (
            <option key={JSON.stringify(c)} value={JSON.stringify(c)}>
              {enumLabel(c, lang)}
            </option>
          ))}
        {value !== undefined && !choices.some((c) => JSON.stringify(c) === cur) && (
          <option value={cur}>{str(value)}</option>
        )}
      </select>
    </>
  );
}

export function MultiSelectEditor(props: EditorProps) {
  const { lang } = useLang();
  const { id, label, value, onChange } = props;
  const list = Array.isArray(value) ? (value as unknown[]) : [];
  const choices = choicesOf(props).map(valueOfChoice);
  return (
    <fieldset id={id} className="dz-multi">
      <legend>{label}</legend>
      {choices.map((c, i) => (
        <label key={String(c)} htmlFor={`${id}-${i}`}>
          <input
            id={`${id}-${i}`}
            type="checkbox"
            checked={list.includes(c)}
            onChange={(e) => {
              const next = e.target.checked ? [...list, c] : list.filter((x) => x !== c);
              onChange(next.length ? next : undefined);
            }}
          />{' '}
          {enumLabel(c, lang)}
        </label>
      ))}
    </fieldset>
  );
}

export function LinesEditor({ id, label, value, onChange }: EditorProps) {
  const lines = Array.isArray(value) ? value.map(str).join('\n') : '';
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={lines}
        onChange={(e) => {
          const list = e.target.value.split('\n').filter((l) => l.trim() !== '');
          onChange(list.length ? list : undefined, true);
        }}
      />
    </>
  );
}

/** Any other value, as JSON: written back only when it parses. */
export function JsonValueEditor({ id, label, value, onChange }: EditorProps) {
  const { s } = useLang();
  const shown = value === undefined ? '' : JSON.stringify(value, null, 1);
  const [text, setText] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => setText(shown), [shown]);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={2}
        className="dz-code"
        value={text}
        aria-invalid={bad}
        aria-describedby={bad ? `${id}-bad` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => {
          if (text.trim() === '') {
            setBad(false);
            onChange(undefined);
            return;
          }
          try {
            onChange(JSON.parse(text) as unknown);
            setBad(false);
          } catch {
            setBad(true);
          }
        }}
      />
      {bad && (
        <small id={`${id}-bad`} className="dz-bad">
          {s.designer.props.jsonInvalid}
        </small>
      )}
    </>
  );
}
