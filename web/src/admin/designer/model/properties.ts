/**
 * The property panel, generated from survey-core's Serializer: which properties an element shows
 * (the Serializer's own visibility rules, asked of a design-mode survey-core object), in which
 * group, and with which editor. Plain texts, yes/no, numbers and choices get generic editors;
 * choices, rows, columns, validators, triggers, calculated values and masks have their own.
 * Every visible property gets an editor: a value no other editor fits is edited as checked JSON.
 */
import { Serializer, type JsonObjectProperty } from 'survey-core';
import { registerOvozProperties } from '../../../../../common/survey/properties';

export type EditorKind =
  | 'text'
  | 'textarea'
  | 'localized'
  | 'localizedLong'
  | 'boolean'
  | 'number'
  | 'select'
  | 'multiselect'
  | 'condition'
  | 'expression'
  | 'items'
  | 'columns'
  | 'textItems'
  | 'validators'
  | 'triggers'
  | 'calculated'
  | 'mask'
  | 'question'
  | 'role'
  | 'name'
  | 'lines'
  | 'color'
  | 'json';

export type Group = 'general' | 'choices' | 'logic' | 'validation' | 'layout' | 'more';

export interface PropertyView {
  prop: JsonObjectProperty;
  name: string;
  editor: EditorKind;
  group: Group;
}

const ITEM_LISTS = new Set([
  'itemvalue[]',
  'checkboxitem[]',
  'choiceitem[]',
  'imageitemvalue[]',
  'ratingitem[]',
  'matrixcolumn[]',
  'sliderlabel[]',
]);

/** The editor a property gets. Never null: anything else is edited as JSON. */
export function editorFor(prop: JsonObjectProperty): EditorKind {
  const t = prop.type;
  if (prop.name === 'name') return 'name';
  if (prop.name === 'role') return 'role';
  if (prop.name === 'maskSettings' || t === 'masksettings') return 'mask';
  if (prop.isLocalizable) return t === 'text' || t === 'html' ? 'localizedLong' : 'localized';
  if (t === 'boolean' || t === 'switch') return 'boolean';
  if (t === 'condition') return 'condition';
  if (t === 'expression') return 'expression';
  if (ITEM_LISTS.has(t)) return 'items';
  if (t === 'matrixdropdowncolumns') return 'columns';
  if (t === 'textitem[]') return 'textItems';
  if (t === 'validators') return 'validators';
  if (t === 'triggers') return 'triggers';
  if (t === 'calculatedvalues') return 'calculated';
  if (t === 'question' || t === 'questionvalue' || t === 'question_carryforward') return 'question';
  if (t === 'set') return 'multiselect';
  if (t === 'string[]') return 'lines';
  if (t === 'color') return 'color';
  const hasChoices = prop.hasChoices;
  if ((t === 'string' || t === 'number' || t === 'dropdown') && hasChoices) return 'select';
  if (t === 'number') return 'number';
  if (t === 'text') return 'textarea';
  if (t === 'string' || t === 'file' || t === 'responsiveImageSize') return 'text';
  return 'json';
}

const GENERAL = new Set([
  'name',
  'title',
  'description',
  'role',
  'isRequired',
  'visible',
  'readOnly',
  'placeholder',
  'inputType',
  'html',
  'rateType',
  'rateMin',
  'rateMax',
  'rateStep',
  'rateCount',
  'displayMode',
  'minRateDescription',
  'maxRateDescription',
  'labelTrue',
  'labelFalse',
  'expression',
  'cellType',
  'locale',
  'imageLink',
  'completedHtml',
  'showProgressBar',
  'commentPlaceholder',
]);
const CHOICES =
  /^(choices|rows|columns|rateValues|items|customLabels|showOtherItem|showNoneItem|showSelectAllItem|showRefuseItem|showDontKnowItem|otherText|noneText|selectAllText|refuseText|dontKnowText|choicesOrder|rowOrder|colCount|choicesFromQuestion.*|choiceValuesFromQuestion|choiceTextsFromQuestion|hideIfChoicesEmpty|hideIfRowsEmpty|separateSpecialChoices|otherPlaceholder|otherErrorText|maxSelectedChoices|minSelectedChoices|allowCustomChoices|createCustomChoiceText|templateElements|rowCount|minRowCount|maxRowCount|panelCount|minPanelCount|maxPanelCount)$/;
const VALIDATION =
  /^(validators|requiredErrorText|min|max|step|minLength|maxLength|maskType|maskSettings|minErrorText|maxErrorText|stepErrorText|eachRowRequired|eachRowUnique|keyName|keyDuplicationError|minValueExpression|maxValueExpression|acceptedTypes|maxSize|maxFiles|checkErrorsMode|validateVisitedEmptyFields|maxTextLength|maxCommentLength)$/;
const LAYOUT =
  /(Location|Width|Height|Align|ColCount|Layout|Mode$|Position$|^indent$|^startWithNewLine$|^showTitle$|^showNumber$|^colCount$|^width$|^state$|^questionOrder$|^alternateRows$|^showHeader$|^verticalAlign$|^imageFit$|^contentMode$|^showPageTitles$|^showPageNumbers$|^showQuestionNumbers$)/;

export function groupOf(prop: JsonObjectProperty, editor: EditorKind): Group {
  const n = prop.name;
  if (GENERAL.has(n)) return 'general';
  // A long text's `rows` is its height, not a list.
  if (n === 'rows' && editor === 'number') return 'layout';
  if (
    editor === 'condition' ||
    editor === 'expression' ||
    editor === 'triggers' ||
    editor === 'calculated'
  )
    return 'logic';
  if (VALIDATION.test(n)) return 'validation';
  if (CHOICES.test(n) || editor === 'items' || editor === 'columns' || editor === 'textItems')
    return 'choices';
  if (LAYOUT.test(n)) return 'layout';
  return 'more';
}

/** Properties the canvas edits itself (the pages, the elements of a page or panel). */
const CANVAS = new Set(['pages', 'elements', 'templateElements', 'questions']);

/**
 * The visible properties of `className` for the object `obj` (a design-mode survey-core object,
 * so the Serializer's visibility rules see its current values), in Serializer order.
 */
export function visibleProperties(className: string, obj: unknown): PropertyView[] {
  registerOvozProperties();
  const props = obj ? Serializer.getPropertiesByObj(obj) : Serializer.getProperties(className);
  return props
    .filter((p) => !CANVAS.has(p.name) && p.isVisible('', obj ?? null))
    .map((prop) => {
      const editor = editorFor(prop);
      return { prop, name: prop.name, editor, group: groupOf(prop, editor) };
    });
}

/** Labels: survey-core's property names, in words (`rateDescriptionLocation` → "Rate description location"). */
export function humanize(name: string): string {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
