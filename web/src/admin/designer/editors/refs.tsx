/** Editors that name things: a question's name (renames every reference), a role, another question. */
import { useEffect, useState } from 'react';
import type { SurveyJson } from '../../../../../common/survey/types';
import { elementsOf } from '../../../../../common/survey/walk';
import { fmt } from '../../i18n/strings';
import { useLang } from '../../i18n/lang';
import { DRIVERS } from '../blocks';
import { takenNames } from '../model/elements';
import { textOf } from '../text-of';
import type { EditorProps } from './types';

const FIXED_ROLES = [
  'satisfaction',
  ...DRIVERS.map((d) => `driver:${d}`),
  'trust',
  'affordability',
  'affordability:afford',
  'delivery_days',
  'recommend',
  'effort',
  'comment',
  'context:region',
  'context:district',
  'context:provider',
  'context:channel',
];

export function RoleSelect({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: unknown;
  onChange(role: string | undefined): void;
  json: SurveyJson;
  owner: string;
}) {
  const { s } = useLang();
  const roleLabel = (r: string) =>
    r.startsWith('driver:') && r.slice(7) in s.drivers
      ? `${r} — ${s.drivers[r.slice(7) as keyof typeof s.drivers]}`
      : r;
  const current = typeof value === 'string' ? value : '';
  return (
    <select
      id={id}
      aria-label={label}
      value={current}
      onChange={(e) => onChange(e.target.value || undefined)}
    >
      <option value="">{s.designer.props.roleNone}</option>
      {FIXED_ROLES.map((r) => (
        <option key={r} value={r}>
          {roleLabel(r)}
        </option>
      ))}
      {current && !FIXED_ROLES.includes(current) && <option value={current}>{current}</option>}
    </select>
  );
}

export function RoleEditor(props: EditorProps) {
  return (
    <>
      <label htmlFor={props.id}>{props.label}</label>
      <RoleSelect {...props} label={props.label} onChange={(r) => props.onChange(r)} />
    </>
  );
}

/** The names of the survey's questions, with their titles, for pickers. */
export function questionOptions(
  json: SurveyJson,
  lang: Parameters<typeof textOf>[1],
  except?: string,
) {
  return elementsOf(json)
    .map((e) => e.element)
    .filter((e) => typeof e.name === 'string' && e.name !== except && e.type !== 'panel')
    .map((e) => ({ name: String(e.name), title: textOf(e.title, lang) }));
}

export function QuestionEditor({ id, label, value, onChange, json, lang, owner }: EditorProps) {
  const { s } = useLang();
  const options = questionOptions(json, lang, owner);
  const current = typeof value === 'string' ? value : '';
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={current} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{s.designer.props.none}</option>
        {options.map((o) => (
          <option key={o.name} value={o.name}>
            {o.title ? `${o.title} (${o.name})` : o.name}
          </option>
        ))}
        {current && !options.some((o) => o.name === current) && (
          <option value={current}>{current}</option>
        )}
      </select>
    </>
  );
}

export const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

/** A question's name: checked, and on Enter or leaving the field renamed everywhere it is used. */
export function NameEditor({
  id,
  value,
  json,
  onRename,
}: Pick<EditorProps, 'id' | 'value' | 'json'> & { onRename(to: string): void }) {
  const { s } = useLang();
  const p = s.designer.props;
  const current = typeof value === 'string' ? value : '';
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  const taken = takenNames(json);
  const problem =
    text === current
      ? null
      : !NAME_PATTERN.test(text)
        ? p.nameInvalid
        : taken.has(text.toLowerCase()) && text.toLowerCase() !== current.toLowerCase()
          ? fmt(p.nameTaken, { name: text })
          : null;
  const commit = () => {
    if (text !== current && !problem) onRename(text);
  };
  return (
    <>
      <label htmlFor={id}>{p.name}</label>
      <input
        id={id}
        value={text}
        spellCheck={false}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-bad` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            commit();
          }
          if (e.key === 'Escape') setText(current);
        }}
      />
      {problem && (
        <small id={`${id}-bad`} className="dz-bad" role="alert">
          {problem}
        </small>
      )}
    </>
  );
}
