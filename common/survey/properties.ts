/**
 * Registers Ovoz's additions to the SurveyJS JSON schema with survey-core's Serializer, so a
 * questionnaire's `role` annotations load without errors and survive serialisation.
 * Call once, before the first Model is made (the server and the citizen page both do).
 */
import { Serializer } from 'survey-core';

let registered = false;

export function registerOvozProperties(): void {
  if (registered) return;
  registered = true;
  Serializer.addProperty('survey', { name: 'ovozStatus', default: 'draft' });
  Serializer.addProperty('question', { name: 'role' });
  Serializer.addProperty('itemvalue', { name: 'role' });
}
