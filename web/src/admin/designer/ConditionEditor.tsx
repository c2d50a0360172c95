/**
 * A condition as rows (question ▸ operator ▸ value, all/any, nested groups), or — when rows cannot
 * show it exactly — as text checked by survey-core's parser as it is typed. Rows are written back
 * only when complete, and an expression shown as text is never rewritten by the rows.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Lang, SurveyJson } from '../../../../common/survey/types';
import {
  CONTEXT_ROOTS,
  expressionVariables,
  knownNames,
  rootOf,
} from '../../../../common/survey/references';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import {
  fromExpression,
  LIST_OPS,
  NO_VALUE_OPS,
  parses,
  toExpression,
  type Group,
  type Op,
  type Row,
  type Scalar,
} from './model/conditions';
import { variablesOf, type VariableInfo } from './model/variables';

export interface ConditionEditorProps {
  id: string;
  label: string;
  value: string | undefined;
  onChange(value: string | undefined): void;
  json: SurveyJson;
  lang: Lang;
  /** The element the condition belongs to (not offered as its own question). */
  owner?: string;
}

const complete = (g: Group): boolean =>
  g.items.every((i) =>
    i.kind === 'group'
      ? complete(i)
      : i.variable !== '' &&
        (NO_VALUE_OPS.has(i.op) ||
          (Array.isArray(i.value) ? i.value.length > 0 : i.value !== undefined && i.value !== '')),
  );

export function ConditionEditor({
  id,
  label,
  value,
  onChange,
  json,
  lang,
  owner,
}: ConditionEditorProps) {
  const { s } = useLang();
  const l = s.designer.logic;
  const text = value ?? '';
  const parsed = useMemo(() => fromExpression(text), [text]);
  const [mode, setMode] = useState<'rows' | 'raw'>(parsed ? 'rows' : 'raw');
  const [group, setGroup] = useState<Group>(parsed ?? { kind: 'group', all: true, items: [] });
  const [raw, setRaw] = useState(text);
  const vars = useMemo(
    () => variablesOf(json, lang).filter((v) => v.variable !== owner),
    [json, lang, owner],
  );

  // The document changed underneath (undo, another editor): show it.
  useEffect(() => {
    setRaw(text);
    if (toExpression(group) !== text || !complete(group)) {
      const g = fromExpression(text);
      if (g) setGroup(g);
      else setMode('raw');
    }
  }, [text]);

  const writeRows = (g: Group) => {
    setGroup(g);
    const expr = toExpression(g);
    // Written only when complete and readable by survey-core.
    if (complete(g) && parses(expr)) {
      onChange(expr === '' ? undefined : expr);
    }
  };

  const rawProblem = useMemo(() => {
    if (!raw.trim()) return null;
    if (!parses(raw)) return l.invalid;
    const known = knownNames(json);
    const broken = [
      ...new Set(
        (expressionVariables(raw) ?? [])
          .map(rootOf)
          .filter((n) => !known.has(n) && !CONTEXT_ROOTS.has(n)),
      ),
    ];
    return broken.length ? fmt(l.unknown, { names: broken.join(', ') }) : null;
  }, [raw, json, l]);

  return (
    <fieldset className="dz-cond" id={id} data-condition={label}>
      <legend>{label}</legend>
      {mode === 'rows' ? (
        <>
          <GroupRows id={id} group={group} vars={vars} onChange={writeRows} depth={0} />
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() => {
              setRaw(text);
              setMode('raw');
            }}
          >
            {l.asText}
          </button>
        </>
      ) : (
        <>
          {!parsed && text !== '' && <p className="small muted">{l.rawHint}</p>}
          <label htmlFor={`${id}-raw`}>{l.raw}</label>
          <textarea
            id={`${id}-raw`}
            className="dz-code"
            rows={2}
            value={raw}
            spellCheck={false}
            aria-invalid={rawProblem !== null}
            aria-describedby={rawProblem ? `${id}-raw-bad` : undefined}
            onChange={(e) => {
              setRaw(e.target.value);
              if (parses(e.target.value))
                onChange(e.target.value.trim() === '' ? undefined : e.target.value);
            }}
          />
          {rawProblem && (
            <small id={`${id}-raw-bad`} className="dz-bad">
              {rawProblem}
            </small>
          )}
          {fromExpression(raw) && (
            <button
              type="button"
              className="btn btn-small btn-quiet"
              onClick={() => {
                setGroup(fromExpression(raw)!);
                setMode('rows');
              }}
            >
              {l.asRows}
            </button>
          )}
        </>
      )}
    </fieldset>
  );
}

function GroupRows({
  id,
  group,
  vars,
  onChange,
  depth,
  onRemove,
}: {
  id: string;
  group: Group;
  vars: VariableInfo[];
  onChange(g: Group): void;
  depth: number;
  onRemove?(): void;
}) {
  const { s } = useLang();
  const l = s.designer.logic;
  const set = (i: number, item: Row | Group | null) =>
    onChange({
      ...group,
      items: item
        ? group.items.map((x, j) => (j === i ? item : x))
        : group.items.filter((_, j) => j !== i),
    });
  return (
    <div
      className={depth ? 'dz-group dz-group-nested' : 'dz-group'}
      role="group"
      aria-label={l.match}
    >
      {group.items.length > 1 && (
        <label className="dz-inline">
          <span>{l.match}</span>
          <select
            aria-label={`${l.match} ${depth + 1}`}
            value={group.all ? 'all' : 'any'}
            onChange={(e) => onChange({ ...group, all: e.target.value === 'all' })}
          >
            <option value="all">{l.all}</option>
            <option value="any">{l.any}</option>
          </select>
        </label>
      )}
      {group.items.map((item, i) =>
        item.kind === 'group' ? (
          <GroupRows
            key={i}
            id={`${id}-${i}`}
            group={item}
            vars={vars}
            depth={depth + 1}
            onChange={(g) => set(i, g)}
            onRemove={() => set(i, null)}
          />
        ) : (
          <RowEditor
            key={i}
            id={`${id}-${i}`}
            row={item}
            vars={vars}
            onChange={(r) => set(i, r)}
            onRemove={() => set(i, null)}
          />
        ),
      )}
      <div className="dz-items-bar">
        <button
          type="button"
          className="btn btn-small"
          onClick={() =>
            onChange({
              ...group,
              items: [...group.items, { kind: 'row', variable: '', op: 'equal' }],
            })
          }
        >
          ＋ {l.addRow}
        </button>
        {depth < 2 && (
          <button
            type="button"
            className="btn btn-small btn-quiet"
            onClick={() =>
              onChange({
                ...group,
                items: [
                  ...group.items,
                  {
                    kind: 'group',
                    all: !group.all,
                    items: [{ kind: 'row', variable: '', op: 'equal' }],
                  },
                ],
              })
            }
          >
            ＋ {l.addGroup}
          </button>
        )}
        {onRemove && (
          <button type="button" className="btn btn-small btn-quiet" onClick={onRemove}>
            {l.removeGroup}
          </button>
        )}
      </div>
    </div>
  );
}

const encode = (v: Scalar) => JSON.stringify(v);
const decode = (t: string) => JSON.parse(t) as Scalar;

function RowEditor({
  id,
  row,
  vars,
  onChange,
  onRemove,
}: {
  id: string;
  row: Row;
  vars: VariableInfo[];
  onChange(r: Row): void;
  onRemove(): void;
}) {
  const { s } = useLang();
  const l = s.designer.logic;
  const info = vars.find((v) => v.variable.toLowerCase() === row.variable.toLowerCase());
  const ops: Op[] = info?.ops ?? ['equal', 'notequal', 'empty', 'notempty'];
  const list = Array.isArray(row.value) ? row.value : row.value === undefined ? [] : [row.value];
  const pickVariable = (variable: string) => {
    const next = vars.find((v) => v.variable === variable);
    const op = next && !next.ops.includes(row.op) ? next.ops[0]! : row.op;
    onChange({ kind: 'row', variable, op, value: undefined });
  };
  return (
    <div className="dz-row" data-row={row.variable}>
      <select
        id={`${id}-q`}
        aria-label={l.question}
        value={row.variable}
        onChange={(e) => pickVariable(e.target.value)}
      >
        <option value="">{l.pick}</option>
        {vars.map((v) => (
          <option key={v.variable} value={v.variable}>
            {v.label === v.variable ? v.variable : `${v.label} (${v.variable})`}
          </option>
        ))}
        {row.variable && !info && <option value={row.variable}>{row.variable}</option>}
      </select>
      <select
        aria-label={l.operator}
        value={row.op}
        onChange={(e) => {
          const op = e.target.value as Op;
          const value = NO_VALUE_OPS.has(op) ? undefined : LIST_OPS.has(op) ? list : list[0];
          onChange({ ...row, op, value });
        }}
      >
        {ops.map((o) => (
          <option key={o} value={o}>
            {l.ops[o]}
          </option>
        ))}
      </select>
      {!NO_VALUE_OPS.has(row.op) &&
        (info?.choices?.length ? (
          LIST_OPS.has(row.op) ? (
            <fieldset className="dz-multi dz-multi-inline">
              <legend className="sr-only">{l.value}</legend>
              {info.choices.map((c, i) => (
                <label key={encode(c.value)} htmlFor={`${id}-v${i}`}>
                  <input
                    id={`${id}-v${i}`}
                    type="checkbox"
                    checked={list.some((v) => encode(v) === encode(c.value))}
                    onChange={(e) =>
                      onChange({
                        ...row,
                        value: e.target.checked
                          ? [...list, c.value]
                          : list.filter((v) => encode(v) !== encode(c.value)),
                      })
                    }
                  />{' '}
                  {c.text}
                </label>
              ))}
            </fieldset>
          ) : (
            <select
              aria-label={l.value}
              value={list[0] === undefined ? '' : encode(list[0])}
              onChange={(e) =>
                onChange({
                  ...row,
                  value: e.target.value === '' ? undefined : decode(e.target.value),
                })
              }
            >
              <option value="">{l.pick}</option>
              {info.choices.map((c) => (
                <option key={encode(c.value)} value={encode(c.value)}>
                  {c.text === String(c.value) ? c.text : `${c.text} (${String(c.value)})`}
                </option>
              ))}
            </select>
          )
        ) : (
          <input
            aria-label={l.value}
            type={info?.numeric ? 'number' : 'text'}
            value={list[0] === undefined ? '' : String(list[0])}
            onChange={(e) => {
              const t = e.target.value;
              const v: Scalar | undefined = t === '' ? undefined : info?.numeric ? Number(t) : t;
              onChange({ ...row, value: LIST_OPS.has(row.op) ? (v === undefined ? [] : [v]) : v });
            }}
          />
        ))}
      <button
        type="button"
        className="btn btn-small btn-quiet"
        aria-label={l.removeRow}
        onClick={onRemove}
      >
        ✕
      </button>
    </div>
  );
}
