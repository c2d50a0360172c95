/**
 * The survey's logic on one screen: when each question or page is shown, can be answered or must
 * be answered, where the survey skips to and when it finishes — each a rule with its condition
 * rows. New rules are drafts until their condition is complete.
 */
import { useMemo, useState } from 'react';
import type { Lang, SurveyJson } from '../../../../common/survey/types';
import { elementsOf, isObject, setAt, type JsonPath } from '../../../../common/survey/walk';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { ConditionEditor } from './ConditionEditor';
import { questionOptions } from './editors/refs';
import { pagesOf } from './model/elements';
import { textOf } from './text-of';
import type { DesignerDoc } from './use-document';

type Kind = 'visibleIf' | 'enableIf' | 'requiredIf' | 'skip' | 'complete';
const KINDS: Kind[] = ['visibleIf', 'enableIf', 'requiredIf', 'skip', 'complete'];

interface Rule {
  key: string;
  kind: Kind;
  /** The question or page the rule is about ('' for a complete trigger). */
  target: string;
  label: string;
  /** Where the condition lives ([] for a draft). */
  path: JsonPath;
  expression: string;
  /** A skip trigger's question to go to. */
  gotoName?: string;
  draft?: boolean;
}

function rulesOf(json: SurveyJson, lang: Lang): Rule[] {
  const out: Rule[] = [];
  pagesOf(json).forEach(({ path, page }, i) => {
    if (path.length && typeof page.visibleIf === 'string' && page.visibleIf) {
      out.push({
        key: `p${i}`,
        kind: 'visibleIf',
        target: `page:${i}`,
        label: textOf(page.title, lang) || String(page.name ?? i + 1),
        path: [...path, 'visibleIf'],
        expression: page.visibleIf,
      });
    }
  });
  for (const { element, path } of elementsOf(json)) {
    for (const kind of ['visibleIf', 'enableIf', 'requiredIf'] as const) {
      const v = element[kind];
      if (typeof v === 'string' && v) {
        const name = String(element.name ?? '');
        out.push({
          key: `${path.join('.')}:${kind}`,
          kind,
          target: name,
          label: textOf(element.title, lang) || name,
          path: [...path, kind],
          expression: v,
        });
      }
    }
  }
  const triggers = Array.isArray(json.triggers) ? json.triggers : [];
  triggers.forEach((t, i) => {
    if (!isObject(t) || (t.type !== 'skip' && t.type !== 'complete')) return;
    out.push({
      key: `t${i}`,
      kind: t.type,
      target: t.type === 'skip' ? String(t.gotoName ?? '') : '',
      label: '',
      path: ['triggers', i, 'expression'],
      expression: typeof t.expression === 'string' ? t.expression : '',
      gotoName: t.type === 'skip' ? String(t.gotoName ?? '') : undefined,
    });
  });
  return out;
}

/** The key the rule will have once it is in the document (as rulesOf makes them). */
function draftKey(json: SurveyJson, kind: Kind, target: string, drafts: Rule[]): string {
  if (kind === 'skip' || kind === 'complete') {
    const existing = Array.isArray(json.triggers) ? json.triggers.length : 0;
    const pending = drafts.filter((d) => d.kind === 'skip' || d.kind === 'complete').length;
    return `t${existing + pending}`;
  }
  const found = elementsOf(json).find((e) => e.element.name === target);
  return found ? `${found.path.join('.')}:${kind}` : `draft:${target}:${kind}`;
}

export function LogicTab({ doc, lang }: { doc: DesignerDoc; lang: Lang }) {
  const { s } = useLang();
  const l = s.designer.logic;
  const json = doc.json;
  const rules = useMemo(() => rulesOf(json, lang), [json, lang]);
  const questions = useMemo(() => questionOptions(json, lang), [json, lang]);
  const [drafts, setDrafts] = useState<Rule[]>([]);
  const [newKind, setNewKind] = useState<Kind>('visibleIf');
  const [newTarget, setNewTarget] = useState('');

  const write = (rule: Rule, expression: string | undefined) => {
    if (rule.draft) {
      // The new rule keeps its place (and its key) on screen once it is in the document.
      if (!expression) return;
      doc.change(fmt(s.designer.steps.logic, { name: rule.target || l.kinds[rule.kind]! }), (j) => {
        if (rule.kind === 'skip' || rule.kind === 'complete') {
          const list = Array.isArray(j.triggers) ? j.triggers : [];
          const trigger =
            rule.kind === 'skip'
              ? { type: 'skip', expression, gotoName: rule.target }
              : { type: 'complete', expression };
          return { ...j, triggers: [...list, trigger] };
        }
        const found = elementsOf(j).find((e) => e.element.name === rule.target);
        return found ? setAt(j, [...found.path, rule.kind], expression) : j;
      });
      return;
    }
    doc.change(
      fmt(s.designer.steps.logic, { name: rule.target || l.kinds[rule.kind]! }),
      (j) => setAt(j, rule.path, expression),
      `logic:${rule.key}`,
    );
  };

  const removeRule = (rule: Rule) => {
    setDrafts((ds) => ds.filter((d) => d.key !== rule.key));
    if (rule.draft) return;
    doc.change(fmt(s.designer.steps.logic, { name: rule.target || l.kinds[rule.kind]! }), (j) => {
      if (rule.path[0] === 'triggers') {
        const list = Array.isArray(j.triggers)
          ? j.triggers.filter((_, i) => i !== rule.path[1])
          : [];
        const out = { ...j, triggers: list };
        if (!list.length) delete (out as Record<string, unknown>).triggers;
        return out;
      }
      return setAt(j, rule.path, undefined);
    });
  };

  // New rules stay at the top, as drafts until their condition is complete, then as the rule.
  const pinned = drafts.map((d) => rules.find((r) => r.key === d.key) ?? d);
  const keys = new Set(drafts.map((d) => d.key));
  const all = [...pinned, ...rules.filter((r) => !keys.has(r.key))];
  const needsTarget = newKind !== 'complete';
  return (
    <section className="dz-logic" aria-labelledby="dz-logic-title">
      <h2 id="dz-logic-title">{l.title}</h2>
      <p className="muted">{l.intro}</p>
      <div className="dz-logic-add">
        <label htmlFor="dz-new-kind">{l.ruleKind}</label>
        <select
          id="dz-new-kind"
          value={newKind}
          onChange={(e) => setNewKind(e.target.value as Kind)}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {l.kinds[k]}
            </option>
          ))}
        </select>
        {needsTarget && (
          <>
            <label htmlFor="dz-new-target">{newKind === 'skip' ? l.goTo : l.ruleFor}</label>
            <select
              id="dz-new-target"
              value={newTarget}
              onChange={(e) => setNewTarget(e.target.value)}
            >
              <option value="">{l.pick}</option>
              {questions.map((q) => (
                <option key={q.name} value={q.name}>
                  {q.title ? `${q.title} (${q.name})` : q.name}
                </option>
              ))}
            </select>
          </>
        )}
        <button
          type="button"
          className="btn"
          disabled={needsTarget && !newTarget}
          onClick={() => {
            const label = questions.find((q) => q.name === newTarget)?.title || newTarget;
            setDrafts((ds) => [
              {
                key: draftKey(json, newKind, newTarget, ds),
                kind: newKind,
                target: needsTarget ? newTarget : '',
                label,
                path: [],
                expression: '',
                draft: true,
              },
              ...ds,
            ]);
          }}
        >
          ＋ {l.addRule}
        </button>
      </div>
      {all.length === 0 && <p className="muted">{l.none}</p>}
      <ol className="dz-rules">
        {all.map((rule) => (
          <li key={rule.key} className="dz-rule" data-rule={rule.kind} data-target={rule.target}>
            <div className="dz-rule-head">
              <strong>
                {rule.kind === 'skip'
                  ? `${l.kinds.skip} → ${rule.gotoName ?? rule.target}`
                  : rule.kind === 'complete'
                    ? l.kinds.complete
                    : `${rule.label} (${rule.target}) — ${l.kinds[rule.kind]}`}
              </strong>
              <button
                type="button"
                className="btn btn-small btn-quiet"
                onClick={() => removeRule(rule)}
              >
                {l.removeRule}
              </button>
            </div>
            <ConditionEditor
              id={`dz-rule-${rule.key.replace(/[^a-zA-Z0-9_-]/g, '-')}`}
              label={l.kinds[rule.kind]!}
              value={rule.expression || undefined}
              onChange={(v) => write(rule, v)}
              json={json}
              lang={lang}
              owner={rule.kind === 'skip' || rule.kind === 'complete' ? undefined : rule.target}
            />
          </li>
        ))}
      </ol>
    </section>
  );
}
