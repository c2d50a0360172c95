/** Turns the API's survey into a survey-core Model ready for the citizen. */
import { Model, surveyLocalization } from 'survey-core';
// survey-core ships Russian UI strings; the Uzbek ones are Ovoz's own (./locales).
import 'survey-core/i18n/russian';
import { registerOvozProperties } from '../../../server/survey/properties';
import { contextVariables, type Lang } from '../../../server/survey/types';
import { nameRatingItems } from './a11y';
import type { PublicSurvey } from './api';
import { registerUzbekLocales } from './locales/register';

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

let setUp = false;

/** Once per page, before the first Model: Ovoz's JSON properties and the UI languages. */
export function setUpSurveyCore(): void {
  if (setUp) return;
  setUp = true;
  registerOvozProperties();
  registerUzbekLocales();
  // Texts missing in a language fall back to Uzbek, Ovoz's default language.
  surveyLocalization.defaultLocale = 'uz';
}

export interface CitizenModel {
  model: Model;
  /** Call after changing `model.locale`: updates what survey-core does not re-render. */
  localeChanged(): void;
}

export function createModel(survey: PublicSurvey, lang: Lang): CitizenModel {
  setUpSurveyCore();
  const model = new Model(survey.json);
  model.locale = lang;
  model.applyTheme({ cssVariables: THEME_COLOURS });
  const renameRatingItems = nameRatingItems(model);
  for (const [name, value] of Object.entries(contextVariables(survey.context ?? {}))) {
    model.setVariable(name, value);
  }
  // The page shows its own completion state once the server has the answers.
  model.showCompletePage = false;
  return { model, localeChanged: renameRatingItems };
}
