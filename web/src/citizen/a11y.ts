/**
 * Screen-reader names for rating items. survey-core renders smiley and star scales as radio
 * buttons whose labels hold only an SVG, so a screen reader announces "radio button, 1 of 5" with
 * no meaning; and the scale's end labels ("Very dissatisfied") are shown beside the scale but
 * belong to no item. Name each item by its value or its visible text, and the first and last by
 * the end labels too ("1 – Very dissatisfied"), in the survey's current language.
 */
import type { Model, Question, QuestionRatingModel } from 'survey-core';

function nameItems(question: Question, root: HTMLElement): void {
  if (question.getType() !== 'rating') return;
  const rating = question as QuestionRatingModel;
  const inputs = Array.from(root.querySelectorAll<HTMLInputElement>('input[type="radio"]'));
  inputs.forEach((input, i) => {
    const text = input.closest('label')?.textContent?.trim();
    const parts = [text || input.value];
    if (i === 0 && rating.minRateDescription) parts.push(rating.minRateDescription);
    if (i === inputs.length - 1 && rating.maxRateDescription) parts.push(rating.maxRateDescription);
    // A number's visible text names it already, unless it is an end of the scale.
    if (text && parts.length === 1) input.removeAttribute('aria-label');
    else input.setAttribute('aria-label', parts.join(' – '));
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

/**
 * After "Next" or "Back", survey-core re-renders the page and the pressed button disappears, so
 * keyboard focus falls back to the top of the document and a screen reader says nothing. Move it
 * to the new page's title instead (or its first question's title): the page is announced, and
 * the next Tab goes to its first answer. Not on the first page load, where focus stays at the top
 * (unless a draft brings the citizen back to a later page: then to that page's title). The page
 * is scrolled to that title, so on a phone the new questions are on screen at once.
 */
export function focusNewPage(model: Model): void {
  // survey-core's own scroll on a page change goes to the survey's top (its title again).
  model.onScrollToTop.add((_, options) => {
    if (options.page && !options.question) options.allow = false;
  });
  // One answer per screen (a phone): a step within a page focuses the new question's title.
  model.onCurrentPageChanged.add((sender, options) => {
    const within = options.oldCurrentPage === options.newCurrentPage;
    focusPageTitle(sender, true, within ? sender.currentSingleQuestion : undefined);
  });
  // …and a step within an agreement grid (one statement per screen) the new statement's, when
  // the focus was left on Next or Back (a new page's title, focused a frame later, wins).
  model.onAfterRenderQuestion.add((_, options) => {
    if (!options.question.parentQuestion) return;
    const active = document.activeElement;
    if (!active?.closest('.sd-body__navigation')) return;
    const title = document.getElementById(`${options.question.id}_ariaTitle`);
    if (!title) return;
    title.setAttribute('tabindex', '-1');
    title.focus({ preventScroll: true });
    title.scrollIntoView({ block: 'start' });
  });
}

/**
 * Focuses the current page's title (or its first question's; or `question`'s, a step within the
 * page) once it is drawn; `scroll`: and brings it to the top of the screen.
 */
export function focusPageTitle(model: Model, scroll: boolean, question?: Question): void {
  const page = model.currentPage;
  if (!page) return;
  let tries = 0;
  const focus = () => {
    const title =
      (question ? document.getElementById(`${question.id}_ariaTitle`) : null) ??
      document.getElementById(`${page.id}_ariaTitle`) ??
      document.getElementById(`${page.questions.find((q: Question) => q.isVisible)?.id}_ariaTitle`);
    if (!title) {
      if (++tries < 20) requestAnimationFrame(focus);
      return;
    }
    title.setAttribute('tabindex', '-1');
    title.focus({ preventScroll: true });
    // The citizen sees the new page's first question, not the survey's title again.
    if (scroll) title.scrollIntoView({ block: 'start' });
  };
  requestAnimationFrame(focus);
}

/**
 * A questionnaire's completion text is authored for SurveyJS's own page, where it starts at <h3>.
 * Under this page's <h1> its headings move up so that the first is an <h2> (no skipped levels).
 */
export function headingsBelowTitle(html: string): string {
  const levels = Array.from(html.matchAll(/<h([1-6])\b/gi), (m) => Number(m[1]));
  if (levels.length === 0) return html;
  const shift = Math.min(...levels) - 2;
  if (shift === 0) return html;
  return html.replace(/<(\/?)h([1-6])\b/gi, (_, slash: string, level: string) => {
    const to = Math.min(6, Math.max(2, Number(level) - shift));
    return `<${slash}h${to}`;
  });
}

/**
 * survey-core's progress bar is a `role="progressbar"` with no value, so a screen reader says
 * only "progress bar". Give it the value and the visible text ("Page 4 of 8").
 */
export function describeProgress(model: Model): () => void {
  // After React has drawn the bar for the new page.
  const update = () =>
    requestAnimationFrame(() => {
      const bar = model.rootElement?.querySelector('.sd-progress__bar[role="progressbar"]');
      if (!bar) return;
      bar.setAttribute('aria-valuenow', String(Math.round(model.progressValue)));
      bar.setAttribute('aria-valuetext', model.progressText);
    });
  model.onAfterRenderSurvey.add(update);
  model.onAfterRenderPage.add(update);
  return update;
}
