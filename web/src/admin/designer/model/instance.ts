/**
 * A design-mode survey-core model of the document (it never evaluates conditions, so nothing is
 * hidden), and the survey-core object behind a selected card: what the Serializer's visibility
 * rules and choice lists are asked of.
 */
import { Model, Serializer } from 'survey-core';
import { registerOvozProperties } from '../../../../../server/survey/properties';
import type { SurveyJson } from '../../../../../server/survey/types';
import type { JsonObject } from '../../../../../server/survey/walk';

export function designModel(json: SurveyJson): Model {
  registerOvozProperties();
  const model = new Model();
  model.setDesignMode(true);
  model.fromJSON(structuredClone(json));
  return model;
}

/** The survey-core object of an element (by name; one inside a dynamic panel's template is made alone). */
export function elementInstance(model: Model, element: JsonObject): unknown {
  const name = typeof element.name === 'string' ? element.name : '';
  const found = name ? (model.getQuestionByName(name) ?? model.getPanelByName(name)) : null;
  if (found) return found;
  const type = typeof element.type === 'string' ? element.type : '';
  return Serializer.findClass(type) ? Serializer.createClass(type, structuredClone(element)) : null;
}

export const classNameOf = (element: JsonObject): string =>
  typeof element.type === 'string' && Serializer.findClass(element.type)
    ? element.type
    : 'question';
