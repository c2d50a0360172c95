/**
 * Hand-made editors of the logic a question or survey carries beyond conditions: validators
 * (number range, text length, pattern, e-mail, answer count, condition), triggers (finish the
 * survey, skip, set or copy an answer, calculate), calculated values, input masks, and free
 * expressions checked by survey-core's parser. Each item's own settings come from the Serializer.
 */
import { Serializer } from 'survey-core';
import { useEffect, useState } from 'react';
import { fmt, type Strings } from '../../i18n/strings';
import { useLang } from '../../i18n/lang';
import { propLabel } from '../labels';
import { editorFor } from '../model/properties';
import { parses } from '../model/conditions';
import { ConditionEditor } from '../ConditionEditor';
import {
  BooleanEditor,
  JsonValueEditor,
  LocalizedEditor,
  NumberEditor,
  SelectEditor,
  TextEditor,
} from './basic';
import { QuestionEditor } from './refs';
import type { EditorProps } from './types';

type Obj = Record<string, unknown>;

const set = (obj: Obj, key: string, value: unknown): Obj => {
  const out: Obj = { ...obj };
  if (value === undefined) delete out[key];
  else out[key] = value;
  return out;
};

/** The settings of one validator, trigger or mask: every visible property of its class. */
function SubProperties({
  id,
  className,
  obj,
  skip,
  onChange,
  base,
}: {
  id: string;
  className: string;
  obj: Obj;
  skip: string[];
  onChange(obj: Obj, merge?: boolean): void;
  base: EditorProps;
}) {
  const { lang } = useLang();
  const props = (Serializer.getProperties(className) ?? []).filter(
    (p) => p.visible && !skip.includes(p.name),
  );
  return (
    <>
      {props.map((p) => {
        const editor = editorFor(p);
        const common: EditorProps = {
          ...base,
          id: `${id}-${p.name}`,
          label: propLabel(p.name, lang),
          prop: p,
          value: obj[p.name],
          onChange: (v, merge) => onChange(set(obj, p.name, v), merge),
          instance: null,
        };
        const E =
          editor === 'number'
            ? NumberEditor
            : editor === 'boolean'
              ? BooleanEditor
              : editor === 'select'
                ? SelectEditor
                : editor === 'localized' || editor === 'localizedLong'
                  ? LocalizedEditor
                  : editor === 'question'
                    ? QuestionEditor
                    : editor === 'text' || editor === 'textarea'
                      ? TextEditor
                      : editor === 'expression'
                        ? ExpressionEditor
                        : editor === 'condition'
                          ? null
                          : JsonValueEditor;
        return (
          <div className="dz-field" key={p.name} data-prop={p.name}>
            {E ? (
              <E {...common} />
            ) : (
              <ConditionEditor
                id={common.id}
                label={common.label}
                value={typeof common.value === 'string' ? common.value : undefined}
                onChange={common.onChange}
                json={base.json}
                lang={base.lang}
              />
            )}
          </div>
        );
      })}
    </>
  );
}

function ListOf({
  id,
  label,
  value,
  onChange,
  kinds,
  classOf,
  addLabel,
  removeLabel,
  kindLabel,
  kindNames,
  skip,
  base,
  defaults,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange(v: unknown, merge?: boolean): void;
  kinds: string[];
  classOf(kind: string): string;
  addLabel: string;
  removeLabel: string;
  kindLabel: string;
  kindNames: Record<string, string>;
  skip: string[];
  base: EditorProps;
  defaults?(kind: string): Obj;
}) {
  const list = Array.isArray(value) ? (value as Obj[]) : [];
  const [kind, setKind] = useState(kinds[0]!);
  const write = (next: Obj[], merge = false) => onChange(next.length ? next : undefined, merge);
  return (
    <fieldset className="dz-items" id={id}>
      <legend>{label}</legend>
      {list.map((item, i) => {
        const k = String(item.type ?? '');
        return (
          <div key={i} className="dz-rule" data-rule={k}>
            <div className="dz-rule-head">
              <strong>{kindNames[k] ?? k}</strong>
              <button
                type="button"
                className="btn btn-small btn-quiet"
                aria-label={fmt(removeLabel, { n: i + 1 })}
                onClick={() => write(list.filter((_, j) => j !== i))}
              >
                ✕
              </button>
            </div>
            <SubProperties
              id={`${id}-${i}`}
              className={classOf(k)}
              obj={item}
              skip={skip}
              base={base}
              onChange={(obj, merge) =>
                write(
                  list.map((x, j) => (j === i ? obj : x)),
                  merge,
                )
              }
            />
          </div>
        );
      })}
      <div className="dz-inline">
        <label htmlFor={`${id}-kind`}>{kindLabel}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value)}>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindNames[k] ?? k}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small"
          onClick={() => write([...list, { type: kind, ...(defaults?.(kind) ?? {}) }])}
        >
          ＋ {addLabel}
        </button>
      </div>
    </fieldset>
  );
}

/** A list editor of items with a `type` (validators, triggers), their settings from the Serializer. */
function typedList(
  kinds: string[],
  part: string,
  strings: (s: Strings) => Strings['designer']['validators'] | Strings['designer']['triggers'],
) {
  return function TypedListEditor(props: EditorProps) {
    const { s } = useLang();
    const t = strings(s);
    return (
      <ListOf
        id={props.id}
        label={props.label}
        value={props.value}
        onChange={props.onChange}
        kinds={kinds}
        classOf={(k) => `${k}${part}`}
        addLabel={t.add}
        removeLabel={t.remove}
        kindLabel={t.type}
        kindNames={t.kinds}
        skip={['name']}
        base={props}
      />
    );
  };
}

export const ValidatorsEditor = typedList(
  ['numeric', 'text', 'answercount', 'regex', 'email', 'expression'],
  'validator',
  (s) => s.designer.validators,
);

export const TriggersEditor = typedList(
  ['complete', 'skip', 'setvalue', 'copyvalue', 'runexpression', 'visible'],
  'trigger',
  (s) => s.designer.triggers,
);

export function CalculatedValuesEditor(props: EditorProps) {
  const { s } = useLang();
  const c = s.designer.calculated;
  const list = Array.isArray(props.value) ? (props.value as Obj[]) : [];
  const write = (next: Obj[], merge = false) =>
    props.onChange(next.length ? next : undefined, merge);
  return (
    <fieldset className="dz-items" id={props.id}>
      <legend>{props.label}</legend>
      {list.map((item, i) => (
        <div key={i} className="dz-rule" data-calculated={String(item.name ?? '')}>
          <div className="dz-rule-head">
            <strong>{String(item.name ?? '')}</strong>
            <button
              type="button"
              className="btn btn-small btn-quiet"
              aria-label={fmt(c.remove, { name: String(item.name ?? i + 1) })}
              onClick={() => write(list.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
          <SubProperties
            id={`${props.id}-${i}`}
            className="calculatedvalue"
            obj={item}
            skip={[]}
            base={props}
            onChange={(obj, merge) =>
              write(
                list.map((x, j) => (j === i ? obj : x)),
                merge,
              )
            }
          />
        </div>
      ))}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => write([...list, { name: `value${list.length + 1}`, expression: '' }])}
      >
        ＋ {c.add}
      </button>
    </fieldset>
  );
}

/** The settings of the question's input mask (its kind is the `maskType` property). */
export function MaskEditor(props: EditorProps) {
  const { s, lang } = useLang();
  const type = String((props.instance as { maskType?: unknown } | null)?.maskType ?? 'none');
  const obj = props.value && typeof props.value === 'object' ? (props.value as Obj) : {};
  if (type === 'none' || !Serializer.findClass(`${type}mask`)) {
    return (
      <p className="small muted" id={props.id}>
        {props.label}: {s.designer.mask.kinds.none}
      </p>
    );
  }
  return (
    <fieldset className="dz-items" id={props.id}>
      <legend>
        {props.label}: {s.designer.mask.kinds[type] ?? propLabel(type, lang)}
      </legend>
      <SubProperties
        id={props.id}
        className={`${type}mask`}
        obj={obj}
        skip={[]}
        base={props}
        onChange={(o, merge) => props.onChange(Object.keys(o).length ? o : undefined, merge)}
      />
    </fieldset>
  );
}

/** A calculation (not a condition): text, written back only when survey-core can read it. */
export function ExpressionEditor({ id, label, value, onChange }: EditorProps) {
  const { s } = useLang();
  const current = typeof value === 'string' ? value : '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  const ok = parses(text);
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="dz-code"
        value={text}
        spellCheck={false}
        aria-invalid={!ok}
        aria-describedby={ok ? undefined : `${id}-bad`}
        onChange={(e) => {
          setText(e.target.value);
          if (parses(e.target.value))
            onChange(e.target.value === '' ? undefined : e.target.value, true);
        }}
      />
      {!ok && (
        <small id={`${id}-bad`} className="dz-bad">
          {s.designer.logic.invalid}
        </small>
      )}
    </>
  );
}
