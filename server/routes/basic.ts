/**
 * The citizen's page with no JavaScript at all (`/s/:slug?basic=1`, which the page's <noscript>
 * links to): the questionnaire as plain HTML forms, one step at a time (server/basic/survey.ts),
 * answered with form POSTs to `/s/:slug`. The answers of earlier steps travel in the form itself,
 * so nothing is kept on the server until the last step; conditions are evaluated here between
 * steps. The last step goes through the one ingest service (server/ingest/submit.ts), exactly as
 * the JSON API: same validator, same rate limit, and the thank-you page (201) only after the
 * response has committed. The response id is made when the form is first given out and travels
 * in its signed token, so sending the last step twice stores one response (the second answer is
 * 200). Every answer is an HTML page in the link's language; nothing here answers JSON.
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { SurveyModel } from 'survey-core';
import { STRINGS, errorText } from '../../common/citizen/strings.js';
import type { AppDeps } from '../deps.js';
import { AppError } from '../errors.js';
import { acceptedCodings } from '../http/accept-encoding.js';
import { readBody } from '../http/read-body.js';
import { resolveLink, submitResponse } from '../ingest/submit.js';
import { MAX_JSON_BODY_BYTES } from '../../common/limits.js';
import { rateLimit } from '../middleware/rate-limit.js';
import { sameOrigin } from '../middleware/same-origin.js';
import { SLUG_PATTERN } from '../repos/surveys.js';
import type { SurveyEntry } from '../survey/catalog.js';
import { escapeHtml } from '../../common/survey/text.js';
import { contextVariables, isLang, type Lang, type SurveyJson } from '../../common/survey/types.js';
import { parseAnswers, questionNumbers, readStep } from '../basic/form.js';
import {
  BASIC_CSP,
  basicDocument,
  messageMain,
  stepMain,
  thanksMain,
  type QuestionView,
} from '../basic/render.js';
import { publicSurveyUrl } from '../http/citizen-page.js';
import { BASIC_STRINGS } from '../basic/strings.js';
import {
  acquireModel,
  commentKey,
  releaseModel,
  isStepShown,
  questionErrors,
  shownQuestions,
  stepsOf,
  unsupportedTypes,
  type Step,
} from '../basic/survey.js';
import { newFormToken, signFormToken, verifyFormToken, type FormToken } from '../basic/token.js';

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** A page of the form: made for one citizen (its token), so never cached; compressed if accepted. */
function html(c: Context, body: string, status = 200): Response {
  const headers: Record<string, string> = {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': BASIC_CSP,
    'Cache-Control': 'no-store',
    // Not no-referrer: with it a browser posts the form as `Origin: null`, which the cross-site
    // check must refuse. Other sites still learn nothing.
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
  };
  const code = status as ContentfulStatusCode;
  const coding = acceptedCodings(c.req.header('accept-encoding'))[0];
  if (coding === 'br') {
    const packed = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      },
    });
    return c.body(new Uint8Array(packed), code, { ...headers, 'Content-Encoding': 'br' });
  }
  if (coding === 'gzip') {
    const packed = gzipSync(body, { level: 6 });
    return c.body(new Uint8Array(packed), code, { ...headers, 'Content-Encoding': 'gzip' });
  }
  return c.body(body, code, headers);
}

/** The survey's title in `lang` (the page's own word for a survey when it has none). */
function titleOf(model: SurveyModel, lang: Lang): string {
  return model.title || STRINGS[lang].survey;
}

/** A page with one message: an error the citizen is told about, in their language. */
function messagePage(c: Context, lang: Lang, err: unknown, title?: string): Response {
  if (!(err instanceof AppError)) throw err;
  const s = STRINGS[lang];
  const text =
    err.code === 'DuplicateId'
      ? BASIC_STRINGS[lang].alreadySent
      : err.code === 'TooFast'
        ? BASIC_STRINGS[lang].tooFast
        : errorText(s, err.code);
  return html(
    c,
    basicDocument({
      lang,
      title: title ?? s.survey,
      languagesFrom: null,
      main: messageMain(title ?? s.survey, [escapeHtml(text)]),
    }),
    err.status,
  );
}

interface Shown {
  step: Step;
  errors?: Map<Question0, string[]>;
  notice?: string;
}
type Question0 = Step['questions'][number];

export function basicRoutes(deps: AppDeps): Hono {
  const { catalog, config } = deps;
  const app = new Hono();
  const now = () => new Date(deps.now ? deps.now() : Date.now());
  const originCheck = sameOrigin(config.publicUrl);
  const limit = rateLimit(config.rateLimitPerMinute, deps.storage.hits, deps.secret, {
    trustProxy: config.trustProxy,
    ...(deps.now ? { now: deps.now } : {}),
  });

  /** One step of the form, with the answers so far in it. */
  const stepPage = (
    c: Context,
    o: {
      slug: string;
      lang: Lang;
      model: SurveyModel;
      steps: Step[];
      shown: Shown;
      answers: Record<string, unknown>;
      token: string;
      link: { c?: string | undefined; t?: string | undefined };
      languagesFrom: string | null;
      status?: number;
    },
  ): Response => {
    const { model, steps, lang, answers } = o;
    const { step } = o.shown;
    const visible = steps.filter(isStepShown);
    const place = visible.indexOf(step);
    const numbers = questionNumbers(model);
    const questions: QuestionView[] = shownQuestions(step).map((q) => {
      const other = commentKey(q);
      return {
        q,
        n: numbers.get(q) ?? -1,
        errors: o.shown.errors?.get(q) ?? [],
        value: answers[q.getValueName()],
        comment: other ? answers[other] : undefined,
      };
    });
    const page = step.page as unknown as {
      locTitle: { renderedHtml: string };
      locDescription: { renderedHtml: string };
    };
    const first = place <= 0;
    const pageTitle = page.locTitle.renderedHtml;
    const surveyTitle = titleOf(model, lang);
    const hidden: Record<string, string> = {
      token: o.token,
      step: String(step.index),
      lang,
      answers: JSON.stringify(answers),
    };
    if (o.link.c) hidden.c = o.link.c;
    if (o.link.t) hidden.t = o.link.t;
    const main = stepMain({
      lang,
      surveyTitle,
      description: first ? model.description : '',
      pageTitle,
      pageDescription: page.locDescription.renderedHtml,
      place: place + 1,
      count: visible.length,
      questions,
      notice: o.shown.notice ?? '',
      action: `/s/${o.slug}`,
      hidden,
      first,
      last: place === visible.length - 1,
    });
    const title = pageTitle ? `${pageTitle} — ${surveyTitle}` : surveyTitle;
    return html(
      c,
      basicDocument({
        lang,
        title,
        languagesFrom: o.languagesFrom,
        main,
        description: model.description || surveyTitle,
        canonical: publicSurveyUrl(config.publicUrl, o.slug, lang),
      }),
      o.status ?? 200,
    );
  };

  app.get('/s/:slug', async (c, next) => {
    if (c.req.query('basic') === undefined) return next();
    const lang = isLang(c.req.query('lang')) ? (c.req.query('lang') as Lang) : 'uz';
    const slug = c.req.param('slug');
    const link = { c: c.req.query('c'), t: c.req.query('t') };
    let survey: SurveyEntry;
    let variables: Record<string, string>;
    try {
      if (!SLUG_PATTERN.test(slug)) throw new AppError('SurveyNotFound', 'no such survey');
      survey = await catalog.openSurvey(slug);
      const { ctx } = await resolveLink(deps, survey, link.c, link.t, now(), 'open');
      variables = contextVariables(ctx);
    } catch (err) {
      return messagePage(c, lang, err);
    }
    const version = survey.latest;
    const model = acquireModel(version.json, lang, {}, variables);
    try {
      const title = titleOf(model, lang);
      if (unsupportedTypes(model).length) {
        const bs = BASIC_STRINGS[lang];
        const main = messageMain(title, [
          escapeHtml(bs.needsScript),
          escapeHtml(bs.needsScriptHow),
        ]);
        return html(c, basicDocument({ lang, title, languagesFrom: c.req.url, main }));
      }
      const steps = stepsOf(model);
      const step = steps.find(isStepShown);
      if (!step) return messagePage(c, lang, new AppError('SurveyNotFound', 'no questions'));
      const token = signFormToken(deps.secret, newFormToken(slug, version.version, now()));
      return stepPage(c, {
        slug,
        lang,
        model,
        steps,
        shown: { step },
        answers: {},
        token,
        link,
        languagesFrom: c.req.url,
      });
    } finally {
      releaseModel(version.json, model);
    }
  });

  app.post('/s/:slug', async (c) => {
    const slug = c.req.param('slug');
    let lang: Lang = 'uz';
    let form: URLSearchParams;
    try {
      await originCheck(c, () => Promise.resolve());
      const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase();
      if (type !== FORM_TYPE) {
        throw new AppError('UnsupportedMediaType', `a form is sent as ${FORM_TYPE}`);
      }
      form = new URLSearchParams(await readBody(c, MAX_JSON_BODY_BYTES));
      const posted = form.get('lang');
      if (isLang(posted)) lang = posted;
    } catch (err) {
      return messagePage(c, lang, err);
    }
    const token: FormToken | null = verifyFormToken(deps.secret, slug, form.get('token') ?? '');
    if (!token) {
      const bs = BASIC_STRINGS[lang];
      const again = `/s/${slug}?basic=1&lang=${encodeURIComponent(lang)}`;
      const main = messageMain(STRINGS[lang].survey, [escapeHtml(bs.expired)], {
        href: again,
        text: bs.startAgain,
      });
      return html(
        c,
        basicDocument({ lang, title: STRINGS[lang].survey, languagesFrom: null, main }),
        400,
      );
    }
    const link = { c: form.get('c') ?? undefined, t: form.get('t') ?? undefined };
    let survey: SurveyEntry;
    let variables: Record<string, string>;
    let json: SurveyJson;
    try {
      survey = await catalog.openSurvey(slug);
      json = (await catalog.version(survey, token.v)).json;
      const { ctx } = await resolveLink(deps, survey, link.c, link.t, now(), 'open');
      variables = contextVariables(ctx);
    } catch (err) {
      return messagePage(c, lang, err);
    }

    const model = acquireModel(json, lang, parseAnswers(form.get('answers')), variables);
    try {
      const steps = stepsOf(model);
      const step = steps[Number(form.get('step'))];
      const signed = form.get('token') as string;
      const common = { slug, lang, model, steps, token: signed, link, languagesFrom: null };
      if (!step) {
        const first = steps.find(isStepShown);
        if (!first) return messagePage(c, lang, new AppError('SurveyNotFound', 'no questions'));
        return stepPage(c, { ...common, shown: { step: first }, answers: model.data });
      }
      const answers = readStep(model, step, form, model.data as Record<string, unknown>);
      model.data = answers;
      const title = titleOf(model, lang);

      if (form.get('nav') === 'back') {
        const before = steps.slice(0, step.index).reverse().find(isStepShown) ?? step;
        return stepPage(c, { ...common, shown: { step: before }, answers });
      }

      // Forward: this step's own checks first (survey-core's, in the citizen's language).
      const errors = new Map<Question0, string[]>();
      for (const q of shownQuestions(step)) {
        const found = questionErrors(q);
        if (found.length) errors.set(q, found);
      }
      if (errors.size) {
        return stepPage(c, { ...common, shown: { step, errors }, answers, status: 422 });
      }
      const after = steps.slice(step.index + 1).find(isStepShown);
      if (after) return stepPage(c, { ...common, shown: { step: after }, answers });

      // The last step: the one ingest service, as the JSON API.
      try {
        await limit(c, () => Promise.resolve());
        const accepted = await submitResponse(
          deps,
          survey,
          {
            id: token.id,
            answers,
            lang,
            c: link.c,
            t: link.t,
            version: token.v,
            startedAt: token.at,
          },
          now(),
        );
        const main = thanksMain(title, model.locCompletedHtml.renderedHtml, lang);
        return html(
          c,
          basicDocument({ lang, title, languagesFrom: null, main }),
          accepted.created ? 201 : 200,
        );
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        if (err.code === 'TooFast') {
          const notice = escapeHtml(BASIC_STRINGS[lang].tooFast);
          return stepPage(c, { ...common, shown: { step, notice }, answers, status: 400 });
        }
        if (err.code === 'InvalidAnswers') {
          return stepPage(c, {
            ...common,
            shown: wrongStep(steps, err, step, lang),
            answers,
            status: 422,
          });
        }
        return messagePage(c, lang, err, title);
      }
    } finally {
      releaseModel(json, model);
    }
  });

  return app;
}

/** The first shown step with a question the validator refused, its questions' messages in it. */
function wrongStep(steps: Step[], err: AppError, fallback: Step, lang: Lang): Shown {
  const names = (err.fields ?? []).map((f) => f.name);
  const refused = (q: Question0) => {
    const key = q.getValueName();
    const other = commentKey(q);
    return names.some((n) => n === key || n.startsWith(`${key}.`) || n === other);
  };
  for (const step of steps) {
    if (!isStepShown(step)) continue;
    const wrong = shownQuestions(step).filter(refused);
    if (!wrong.length) continue;
    const errors = new Map<Question0, string[]>();
    for (const q of wrong) {
      const own = questionErrors(q);
      errors.set(q, own.length ? own : [BASIC_STRINGS[lang].checkAnswer]);
    }
    return { step, errors };
  }
  return { step: fallback, notice: escapeHtml(BASIC_STRINGS[lang].checkAnswer) };
}
