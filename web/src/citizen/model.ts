/** Turns the API's survey into a survey-core Model ready for the citizen. */
import {
  Model,
  settings,
  surveyLocalization,
  type QuestionDropdownModel,
  type QuestionRatingModel,
} from 'survey-core';
// survey-core ships Russian UI strings; the Uzbek ones are Ovoz's own (./locales).
import 'survey-core/i18n/russian';
import { registerOvozProperties } from '../../../common/survey/properties';
import { contextVariables, type Lang } from '../../../common/survey/types';
import { describeProgress, focusNewPage, nameRatingItems } from './a11y';
import type { PublicSurvey } from './api';
import { registerUzbekLocales } from '../../../common/citizen/locales/register';
import { installSurveyStyles, useStylesheetFromCssom } from './styles';

/**
 * survey-core tints a chosen smiley with a colour between these three, computed in JavaScript from
 * the theme (so CSS alone cannot change it). Its defaults are light (white face on #19b394 is
 * 2.5:1); these keep the face visible, and the red also colours the required-answer asterisk.
 */
const THEME_COLOURS = {
  '--sjs2-color-bg-alert-primary': '#c4122f',
  '--sjs2-color-bg-warning-primary': '#a85400',
  '--sjs2-color-bg-positive-primary': '#0b7a56',
};

/** survey-core's `--sd-mobile-width`: narrower than this, it lays a survey out for a phone. */
const MOBILE_WIDTH_PX = 600;

/** The smallest touch target (WCAG 2.5.5) and the gap survey-core leaves between rating items. */
const TARGET_PX = 44;
const RATING_GAP_PX = 4;
/** Narrower than this, an agreement grid's six columns and its statements do not fit a table. */
const GRID_WIDTH_PX = 900;
/** The page's and the question card's side padding together, on a phone. */
const SIDE_PADDING_PX = 64;

/**
 * A rating left to survey-core (`displayMode: 'auto'`) turns into a "Select…" dropdown as soon as
 * its buttons seem not to fit, though five 44 px buttons fit any phone: buttons whenever they do.
 */
function ratingsAsButtons(model: Model, width: number): void {
  for (const question of model.getAllQuestions()) {
    if (question.getType() !== 'rating') continue;
    const rating = question as QuestionRatingModel;
    if (rating.displayMode !== 'auto') continue;
    const n = rating.visibleRateValues.length;
    if (n * TARGET_PX + (n - 1) * RATING_GAP_PX <= width - SIDE_PADDING_PX) {
      rating.displayMode = 'buttons';
    }
  }
}

/**
 * On a phone a dropdown's chosen option is shown as text that wraps, not in a one-line search box
 * that cuts a long provider's name after a few words: the list opens over the screen and is short
 * (one district's providers), so typing to search it is not needed there.
 */
function readableDropdowns(model: Model): void {
  for (const question of model.getAllQuestions()) {
    if (question.getType() === 'dropdown')
      (question as QuestionDropdownModel).searchEnabled = false;
  }
  // The control itself is the named combobox; survey-core still draws a read-only text box in it,
  // unnamed, only to show the placeholder: not something to announce.
  model.onAfterRenderQuestion.add((_, options) => {
    if (options.question.getType() !== 'dropdown') return;
    options.htmlElement
      .querySelector('.sd-dropdown__filter-string-input[readonly]')
      ?.setAttribute('aria-hidden', 'true');
  });
}

let setUp = false;

/** Once per page, before the first Model: Ovoz's JSON properties and the UI languages. */
export function setUpSurveyCore(): void {
  if (setUp) return;
  setUp = true;
  registerOvozProperties();
  registerUzbekLocales();
  // Texts missing in a language fall back to Uzbek, Ovoz's default language.
  surveyLocalization.defaultLocale = 'uz';
  // Real headings (survey-core 3 draws every title as a <div>): a screen reader lists them and
  // jumps between them. The survey's title is the page's one <h1>.
  settings.titleTags.survey = 'h1';
  settings.titleTags.page = 'h2';
  settings.titleTags.panel = 'h3';
  settings.titleTags.question = 'h3';
  // A plain bar with "Page 4 of 8": survey-core 3's row of page buttons is wider than a phone
  // and does not scroll to the current page, so a citizen could not see where they are.
  settings.legacyProgressBarView = true;
  installSurveyStyles();
}

export interface CitizenModel {
  model: Model;
  /** Call after changing `model.locale`: updates what survey-core does not re-render. */
  localeChanged(): void;
}

export function createModel(survey: PublicSurvey, lang: Lang): CitizenModel {
  setUpSurveyCore();
  const model = new Model(survey.json);
  useStylesheetFromCssom(model);
  model.locale = lang;
  // Every keystroke reaches the model, so the draft holds what was typed even if the tab dies.
  model.textUpdateMode = 'onTyping';
  model.applyTheme({ cssVariables: THEME_COLOURS });
  // survey-core measures its width after the first render and then redraws in its phone layout
  // (narrower than --sd-mobile-width, 600 px): everything on screen moved. Start in the layout it
  // will settle on.
  const width = document.documentElement.clientWidth;
  model.setIsMobile(width < MOBILE_WIDTH_PX);
  if (width < MOBILE_WIDTH_PX) readableDropdowns(model);
  // On a phone or a tablet, a questionnaire with an agreement grid asks one answer per screen: each
  // statement of the grid (and each question) on its own screen with Next under it, not a page
  // of 40 radio buttons to scroll through. The answers have the same shape (a grid is still one
  // object), so the validator and the draft are unchanged. Short questionnaires without a grid
  // keep their pages (a rating and its comment together).
  if (width < GRID_WIDTH_PX && model.getAllQuestions().some((q) => q.getType() === 'matrix')) {
    model.questionsOnPageMode = 'inputPerPage';
  }
  ratingsAsButtons(model, width);
  const renameRatingItems = nameRatingItems(model);
  const redescribeProgress = describeProgress(model);
  focusNewPage(model);
  for (const [name, value] of Object.entries(contextVariables(survey.context ?? {}))) {
    model.setVariable(name, value);
  }
  // The page shows its own completion state once the server has the answers.
  model.showCompletePage = false;
  return {
    model,
    localeChanged: () => {
      renameRatingItems();
      redescribeProgress();
    },
  };
}
