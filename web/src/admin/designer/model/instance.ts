/**
 * A design-mode survey-core model of the document (it never evaluates conditions, so nothing is
 * hidden), and the survey-core object behind a selected card: what the Serializer's visibility
 * rules and choice lists are asked of.
 */
import { Model, Serializer } from 'survey-core';
import { registerOvozProperties } from '../../../../../common/survey/properties';
import type { SurveyJson } from '../../../../../common/survey/types';
import type { JsonObject } from '../../../../../common/survey/walk';

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

export interface UnknownProperty {
  /** The object's name (question, page) or class, to find it. */
  where: string;
  property: string;
}

/**
 * Properties survey-core does not know (from another tool, a newer version, a typo): the designer
 * keeps them exactly as written and lists them as warnings.
 */
export function unknownProperties(json: SurveyJson): UnknownProperty[] {
  registerOvozProperties();
  const model = new Model();
  model.setDesignMode(true);
  model.fromJSON(structuredClone(json));
  const out = (model.jsonErrors ?? []).flatMap((e) => {
    const err = e as { type?: string; propertyName?: string; jsonObj?: Record<string, unknown> };
    if (err.type !== 'unknownproperty' || !err.propertyName) return [];
    const obj = err.jsonObj ?? {};
    return [{ where: String(obj.name ?? obj.type ?? 'survey'), property: err.propertyName }];
  });
  model.dispose();
  return out;
}
