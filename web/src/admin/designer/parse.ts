import type { SurveyJson } from '../../../../common/survey/types';

/** The text as a survey JSON object, or null when it is not a JSON object. */
export function parseSurvey(text: string): SurveyJson | null {
  try {
    const v: unknown = JSON.parse(text);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as SurveyJson) : null;
  } catch {
    return null;
  }
}

export const pretty = (json: unknown) => JSON.stringify(json, null, 2);
