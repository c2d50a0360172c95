/**
 * What the compiler reads from survey-core's objects (a Model built once per survey version):
 * the parts of its questions, items and validators the validator needs.
 */

export interface ItemLike {
  value: unknown;
  visibleIf?: string;
  enableIf?: string;
  isExclusive?: boolean;
  showCommentArea?: boolean;
}

export interface ValidatorLike {
  getType(): string;
  minValue?: number | null;
  maxValue?: number | null;
  minLength?: number;
  maxLength?: number;
  allowDigits?: boolean;
  regex?: string;
  caseInsensitive?: boolean;
  expression?: string;
  minCount?: number | null;
  maxCount?: number | null;
}

export interface ElementLike {
  name: string;
  isPanel: boolean;
  visible: boolean;
  visibleIf: string;
  readOnly: boolean;
  enableIf: string;
  isRequired: boolean;
  requiredIf: string;
  elements?: ElementLike[];
  getType(): string;
}

export interface QuestionLike extends ElementLike {
  getValueName(): string;
  showCommentArea: boolean;
  validators: ValidatorLike[];
  clearIfInvisible: string;
  defaultValue?: unknown;
  defaultValueExpression?: string;
  setValueIf?: string;
  setValueExpression?: string;
  resetValueIf?: string;
  isInputTextUpdate?: boolean;
  // select
  choices?: ItemLike[];
  choicesVisibleIf?: string;
  choicesEnableIf?: string;
  choicesFromQuestion?: string;
  choicesByUrl?: { url?: string };
  hideIfChoicesEmpty?: boolean;
  showOtherItem?: boolean;
  showNoneItem?: boolean;
  showRefuseItem?: boolean;
  showDontKnowItem?: boolean;
  otherItem?: ItemLike;
  noneItem?: ItemLike;
  refuseItem?: ItemLike;
  dontKnowItem?: ItemLike;
  minSelectedChoices?: number;
  maxSelectedChoices?: number;
  valuePropertyName?: string;
  choicesMin?: number;
  choicesMax?: number;
  getStoreOthersAsComment?(): boolean;
  getOthersMaxLength(): number | null;
  // rating
  rateValues?: ItemLike[];
  visibleRateValues?: ItemLike[];
  useRateValues?(): boolean;
  // boolean
  getValueTrue?(): unknown;
  getValueFalse?(): unknown;
  // text, comment
  inputType?: string;
  getMaxLength?(): number | null;
  renderedMin?: unknown;
  renderedMax?: unknown;
  renderedStep?: unknown;
  minValueExpression?: string;
  maxValueExpression?: string;
  maskType?: string;
  // matrix
  rows?: ItemLike[];
  columns?: ItemLike[];
  rowsVisibleIf?: string;
  columnsVisibleIf?: string;
  eachRowRequired?: boolean;
  eachRowUnique?: boolean;
  hideIfRowsEmpty?: boolean;
  cellType?: string;
}
