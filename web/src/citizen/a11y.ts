/**
 * Screen-reader names for rating items drawn as pictures. survey-core renders smiley and star
 * scales as radio buttons whose labels hold only an SVG, so a screen reader announces "radio
 * button, 1 of 5" with no meaning. Name each one by its value, and the scale's end labels on the
 * first and last items ("1 – Very dissatisfied"), in the survey's current language.
 */
import type { Model, Question, QuestionRatingModel } from 'survey-core';

function nameItems(question: Question, root: HTMLElement): void {
  if (question.getType() !== 'rating') return;
  const rating = question as QuestionRatingModel;
  const inputs = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="radio"]'));
  inputs.forEach((input, i) => {
    if (input.closest('label')?.textContent?.trim()) return; // visible text names it already
    const parts = [input.value];
    if (i === 0 && rating.minRateDescription) parts.push(rating.minRateDescription);
    if (i === inputs.length - 1 && rating.maxRateDescription) parts.push(rating.maxRateDescription);
    input.setAttribute('aria-label', parts.join(' – '));
  });
}

/** Names rating items as they render; returns a function to rename them (after a locale change). */
export function nameRatingItems(model: Model): () => void {
  const rendered = new Map<Question, HTMLElement>();
  model.onAfterRenderQuestion.add((_, options) => {
    rendered.set(options.question, options.htmlElement);
    nameItems(options.question, options.htmlElement);
  });
  return () => {
    for (const [question, el] of rendered) {
      if (el.isConnected) nameItems(question, el);
      else rendered.delete(question);
    }
  };
}
