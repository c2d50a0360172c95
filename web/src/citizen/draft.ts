/**
 * The half-answered survey, kept on the phone from the first answer until the server has the
 * completed one: saved on every change of an answer and of the page, restored when the page is
 * opened again (after a reload, a closed tab, a dead battery), cleared once the server
 * acknowledges the response. One draft per survey slug; it belongs to the link it was started
 * from (`c`, `t`), so another link to the same survey starts afresh. A copy of the survey itself
 * is kept with it, so a page reopened with no network can go on (the service worker, sw.ts,
 * serves the page; this serves the questions).
 */
import type { Model } from 'survey-core';
import type { PublicSurvey } from './api';
import { readJson, remove, writeJson } from './storage';

export interface Draft {
  slug: string;
  /** The response id, made before the first answer and kept for every try. */
  id: string;
  version: number;
  c?: string;
  t?: string;
  answers: Record<string, unknown>;
  /** survey-core's `currentPageNo` (an index among the visible pages). */
  pageNo: number;
  savedAt: string;
  /** When the survey was first shown on this phone. */
  startedAt?: string;
}

const key = (slug: string) => `ovoz:draft:${slug}`;
const surveyKey = (slug: string) => `ovoz:draft-survey:${slug}`;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The draft of this survey started from this link, or null. */
export function loadDraft(slug: string, link: { c?: string; t?: string }): Draft | null {
  const d = readJson(key(slug));
  if (!isRecord(d) || d.slug !== slug || typeof d.id !== 'string' || !isRecord(d.answers)) {
    return null;
  }
  if ((d.c ?? undefined) !== link.c || (d.t ?? undefined) !== link.t) return null;
  return {
    slug,
    id: d.id,
    version: Number(d.version) || 0,
    ...(link.c ? { c: link.c } : {}),
    ...(link.t ? { t: link.t } : {}),
    answers: d.answers,
    pageNo: Number.isInteger(d.pageNo) ? (d.pageNo as number) : 0,
    savedAt: typeof d.savedAt === 'string' ? d.savedAt : '',
    ...(typeof d.startedAt === 'string' ? { startedAt: d.startedAt } : {}),
  };
}

/** The copy of the survey a draft was started on (same link), for a page opened offline. */
export function loadDraftSurvey(
  slug: string,
  link: { c?: string; t?: string },
): PublicSurvey | null {
  const d = readJson(surveyKey(slug));
  if (!isRecord(d) || !isRecord(d.survey) || !isRecord(d.survey.json)) return null;
  if ((d.c ?? undefined) !== link.c || (d.t ?? undefined) !== link.t) return null;
  return d.survey as unknown as PublicSurvey;
}

export function clearDraft(slug: string): void {
  remove(key(slug));
  remove(surveyKey(slug));
}

/** Puts a draft's answers and page back into a fresh model. */
export function restoreDraft(model: Model, draft: Draft): void {
  model.data = draft.answers;
  const pages = model.visiblePages.length;
  if (pages > 0) model.currentPageNo = Math.min(Math.max(0, draft.pageNo), pages - 1);
}

/**
 * Saves the draft on every answer and page change until `stop()` (called once the survey is
 * completed: from then on the outbox holds the answers). `onSaved(false)`: the phone's storage
 * refused it (blocked or full), so the answers live only in this page.
 */
export function keepDraft(
  model: Model,
  survey: PublicSurvey,
  base: Pick<Draft, 'slug' | 'id' | 'c' | 't' | 'startedAt'>,
  onSaved: (persisted: boolean) => void,
): () => void {
  let stopped = false;
  let surveyKept = false;
  const save = () => {
    if (stopped || model.state === 'completed') return;
    if (!surveyKept) {
      surveyKept = writeJson(surveyKey(base.slug), { c: base.c, t: base.t, survey });
    }
    const draft: Draft = {
      ...base,
      version: survey.version,
      answers: model.data as Record<string, unknown>,
      pageNo: model.currentPageNo,
      savedAt: new Date().toISOString(),
    };
    onSaved(writeJson(key(base.slug), draft));
  };
  model.onValueChanged.add(save);
  model.onCurrentPageChanged.add(save);
  return () => {
    stopped = true;
    model.onValueChanged.remove(save);
    model.onCurrentPageChanged.remove(save);
  };
}
