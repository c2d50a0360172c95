/**
 * The property panel of the survey, a page or a question: every property survey-core's
 * Serializer shows for it, grouped (General open, the rest folded), each with its editor.
 */
import { useMemo, type ReactNode } from 'react';
import type { Lang, SurveyJson } from '../../../../common/survey/types';
import type { JsonObject } from '../../../../common/survey/walk';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import {
  BooleanEditor,
  ColorEditor,
  JsonValueEditor,
  LinesEditor,
  LocalizedEditor,
  MultiSelectEditor,
  NumberEditor,
  SelectEditor,
  TextEditor,
} from './editors/basic';
import { ColumnsEditor, ItemsEditor, TextItemsEditor } from './editors/items';
import { NameEditor, QuestionEditor, RoleEditor } from './editors/refs';
import {
  CalculatedValuesEditor,
  ExpressionEditor,
  MaskEditor,
  TriggersEditor,
  ValidatorsEditor,
} from './editors/rules';
import type { EditorProps } from './editors/types';
import { ConditionEditor } from './ConditionEditor';
import { propLabel } from './labels';
import {
  visibleProperties,
  type EditorKind,
  type Group,
  type PropertyView,
} from './model/properties';

const GROUPS: Group[] = ['general', 'choices', 'logic', 'validation', 'layout', 'more'];

export interface PropertyPanelProps {
  /** For ids: unique per panel on the page. */
  idBase: string;
  className: string;
  element: JsonObject;
  instance: unknown;
  json: SurveyJson;
  lang: Lang;
  title: string;
  onChange(prop: string, value: unknown, merge: boolean): void;
  onRename?(to: string): void;
}

function LongTextEditor(x: EditorProps) {
  return <TextEditor {...x} long />;
}
function LongLocalizedEditor(x: EditorProps) {
  return <LocalizedEditor {...x} long />;
}

/** Editors by kind: components defined once, so an edit never remounts the field being typed in. */
const BY_KIND: Record<
  Exclude<EditorKind, 'name' | 'condition'>,
  (props: EditorProps) => ReactNode
> = {
  text: TextEditor,
  textarea: LongTextEditor,
  localized: LocalizedEditor,
  localizedLong: LongLocalizedEditor,
  boolean: BooleanEditor,
  number: NumberEditor,
  select: SelectEditor,
  multiselect: MultiSelectEditor,
  expression: ExpressionEditor,
  items: ItemsEditor,
  columns: ColumnsEditor,
  textItems: TextItemsEditor,
  validators: ValidatorsEditor,
  triggers: TriggersEditor,
  calculated: CalculatedValuesEditor,
  mask: MaskEditor,
  question: QuestionEditor,
  role: RoleEditor,
  lines: LinesEditor,
  color: ColorEditor,
  json: JsonValueEditor,
};
/** One property's editor. Exported so a test can render every editor of every type. */
export function PropertyEditor({
  view,
  p,
}: {
  view: PropertyView;
  p: EditorProps & { onRename?(to: string): void };
}): ReactNode {
  if (view.editor === 'name') {
    return p.onRename ? (
      <NameEditor id={p.id} value={p.value} json={p.json} onRename={p.onRename} />
    ) : (
      <TextEditor {...p} />
    );
  }
  if (view.editor === 'condition') {
    return (
      <ConditionEditor
        id={p.id}
        label={p.label}
        value={typeof p.value === 'string' ? p.value : undefined}
        onChange={(v) => p.onChange(v)}
        json={p.json}
        lang={p.lang}
        owner={p.owner}
      />
    );
  }
  const E = BY_KIND[view.editor];
  return <E {...p} />;
}

export function PropertyPanel(props: PropertyPanelProps) {
  const { s, lang: uiLang } = useLang();
  const g = s.designer.props.groups;
  const views = useMemo(
    () => visibleProperties(props.className, props.instance),
    [props.className, props.instance],
  );
  const owner = typeof props.element.name === 'string' ? props.element.name : '';
  return (
    <div
      className="dz-props"
      role="region"
      aria-label={fmt(s.designer.props.title, { name: props.title })}
      data-props={props.className}
    >
      {GROUPS.map((group) => {
        const list = views.filter((v) => v.group === group);
        if (!list.length) return null;
        return (
          <details
            key={group}
            className="dz-props-group"
            open={group === 'general' || group === 'choices'}
            data-group={group}
          >
            <summary>{g[group]}</summary>
            <div className="dz-props-grid">
              {list.map((view) => (
                <div
                  className="dz-field"
                  key={view.name}
                  data-prop={view.name}
                  data-editor={view.editor}
                >
                  <PropertyEditor
                    view={view}
                    p={{
                      id: `${props.idBase}-${view.name}`,
                      label: propLabel(view.name, uiLang),
                      prop: view.prop,
                      value: props.element[view.name],
                      onChange: (v, merge) => props.onChange(view.name, v, merge ?? false),
                      json: props.json,
                      lang: props.lang,
                      instance: props.instance,
                      owner,
                      onRename: props.onRename,
                    }}
                  />
                </div>
              ))}
            </div>
          </details>
        );
      })}
    </div>
  );
}
