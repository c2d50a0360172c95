/** The citizen survey page: load the survey, show it, and make sure the answers arrive. */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import type { Lang } from '../../../common/survey/types';
import { ApiError, fetchSurvey, type FieldError, type PublicSurvey } from './api';
import { focusPageTitle } from './a11y';
import { clearDraft, keepDraft, loadDraft, loadDraftSurvey, restoreDraft } from './draft';
import { Header } from './Header';
import { newId } from './id';
import { createModel, type CitizenModel } from './model';
import { loadPending, Outbox, type Pending } from './outbox';
import { parseParams, urlWithLang } from '../../../common/citizen/params';
import { applyLargeText, rememberedLargeText, rememberLang, rememberLargeText } from './prefs';
import { StatusBody, type Phase } from './Status';
import { STRINGS } from '../../../common/citizen/strings';

/** False while the phone says it has no connection. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine !== false);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/** The question a field error is about (`region.0` → `region`). */
const questionName = (f: FieldError) => f.name.split('.')[0] ?? f.name;

export interface AppProps {
  /** The language the page is in (main.ts chose it: `?lang=`, else this phone's last, else Uzbek). */
  lang: Lang;
  /** The questionnaire, already asked for by main.ts (the first try only). */
  initialSurvey?: Promise<PublicSurvey>;
  /**
   * Set when the welcome screen is still up: nothing is drawn while loading (the welcome screen
   * stays), and this is called as the survey or a message is first drawn, before it is painted.
   */
  onShown?: () => void;
  /** The citizen tapped Start: the focus goes to the first page's title. */
  focusFirstPage?: boolean;
}

export function App(props: AppProps) {
  const { initialSurvey, onShown, focusFirstPage } = props;
  const params = useMemo(() => parseParams(window.location), []);
  const [lang, setLang] = useState<Lang>(props.lang);
  const [largeText, setLargeText] = useState(rememberedLargeText);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [citizenModel, setCitizenModel] = useState<CitizenModel | null>(null);
  const model = citizenModel?.model ?? null;
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [loadTry, setLoadTry] = useState(0);
  /** A half-answered survey was brought back from the phone's storage. */
  const [restored, setRestored] = useState(false);
  /** False when the phone's storage refuses the draft (the answers live only in this page). */
  const [draftPersisted, setDraftPersisted] = useState(true);
  const online = useOnline();
  const s = STRINGS[lang];
  /** Past the first page: the survey's title shrinks to one line above the progress line. */
  const [laterPage, setLaterPage] = useState(false);

  const langRef = useRef(lang);
  langRef.current = lang;
  const modelRef = useRef<Model | null>(null);
  const outboxRef = useRef<Outbox | null>(null);
  const stopDraftRef = useRef<(() => void) | null>(null);
  /** The response id: made once, before the first try, and kept for every retry. */
  const idRef = useRef<string>('');
  if (!idRef.current) idRef.current = newId();
  const honeypotRef = useRef<HTMLInputElement>(null);
  /** When this phone first showed the survey (kept with the draft across reloads). */
  const startedRef = useRef<string>(new Date().toISOString());

  const showInvalid = useCallback((fields: FieldError[]) => {
    const m = modelRef.current;
    if (!m) {
      setPhase({ kind: 'error', code: 'InvalidAnswers' });
      return;
    }
    m.clear(false, true);
    for (const f of fields) {
      m.getQuestionByName(questionName(f))?.addError(f.message);
    }
    setFieldErrors(fields);
    setPhase({ kind: 'survey' });
    const first = fields[0] && questionName(fields[0]);
    if (first) setTimeout(() => m.focusQuestion(first), 0);
  }, []);

  const startOutbox = useCallback(
    (pending: Pending, persisted?: boolean) => {
      outboxRef.current?.stop();
      const outbox = new Outbox(
        pending,
        (state) => {
          if (state.status === 'sending' || state.status === 'waiting') {
            setPhase({ kind: 'outbox', state });
          } else if (state.status === 'sent') {
            // Acknowledged: nothing of this response is left on the phone.
            clearDraft(pending.slug);
            setPhase({ kind: 'done' });
          } else if (state.status === 'invalid') {
            showInvalid(state.fields);
          } else {
            // Refused for good (closed survey, used link): sending again cannot help.
            clearDraft(pending.slug);
            setPhase({ kind: 'error', code: state.error.code });
          }
        },
        persisted,
      );
      outboxRef.current = outbox;
      outbox.start();
    },
    [showInvalid],
  );

  // Load: send what an earlier visit left behind, bring back a half-answered survey, and fetch
  // the survey (or, with no connection, use the copy kept with the draft).
  useEffect(() => {
    const slug = params.slug;
    if (!slug) {
      setPhase({ kind: 'error', code: 'SurveyNotFound' });
      return;
    }
    let cancelled = false;
    const pending = loadTry === 0 ? loadPending(slug) : null;
    const draft = pending ? null : loadDraft(slug, params);
    if (pending) {
      idRef.current = pending.body.id;
      startOutbox(pending, true);
    } else if (draft) {
      idRef.current = draft.id;
      if (draft.startedAt) startedRef.current = draft.startedAt;
    }
    setPhase((p) => (p.kind === 'offline' ? { kind: 'loading' } : p));
    (loadTry === 0 && initialSurvey ? initialSurvey : fetchSurvey(slug, params))
      .catch((err: unknown) => {
        const copy = draft && !(err instanceof ApiError) ? loadDraftSurvey(slug, params) : null;
        if (copy) return copy;
        throw err;
      })
      .then((survey: PublicSurvey) => {
        if (cancelled) return;
        const cm = createModel(survey, langRef.current);
        const m = cm.model;
        if (pending) m.data = pending.body.answers;
        else if (draft) {
          restoreDraft(m, draft);
          setRestored(Object.keys(draft.answers).length > 0);
        }
        m.onCurrentPageChanged.add(() => setRestored(false));
        stopDraftRef.current?.();
        stopDraftRef.current = keepDraft(
          m,
          survey,
          { slug, id: idRef.current, c: params.c, t: params.t, startedAt: startedRef.current },
          setDraftPersisted,
        );
        m.onComplete.add((sender) => {
          setFieldErrors([]);
          setRestored(false);
          startOutbox({
            slug,
            body: {
              id: idRef.current,
              answers: sender.data as Record<string, unknown>,
              lang: langRef.current,
              version: survey.version,
              startedAt: startedRef.current,
              ...(honeypotRef.current?.value ? { website: honeypotRef.current.value } : {}),
              ...(params.c ? { c: params.c } : {}),
              ...(params.t ? { t: params.t } : {}),
            },
            savedAt: new Date().toISOString(),
            attempts: 0,
          });
        });
        modelRef.current = m;
        setCitizenModel(cm);
        if (!pending) setPhase({ kind: 'survey' });
      })
      .catch((err: unknown) => {
        if (cancelled || pending) return; // the pending answers speak for themselves
        if (err instanceof ApiError) setPhase({ kind: 'error', code: err.code });
        else setPhase({ kind: 'offline' });
      });
    return () => {
      cancelled = true;
    };
  }, [params, loadTry, startOutbox, initialSurvey]);

  // Stop the retry loop when the page goes away (the answers stay in storage).
  useEffect(
    () => () => {
      outboxRef.current?.stop();
      stopDraftRef.current?.();
    },
    [],
  );

  // Offline at load: try again as soon as the phone is online.
  useEffect(() => {
    if (phase.kind !== 'offline') return;
    const retry = () => setLoadTry((n) => n + 1);
    window.addEventListener('online', retry);
    return () => window.removeEventListener('online', retry);
  }, [phase.kind]);

  // Language: survey-core, the URL, <html lang> and the tab title follow it.
  useEffect(() => {
    if (citizenModel) {
      citizenModel.model.locale = lang;
      // After survey-core has re-rendered in the new language.
      setTimeout(citizenModel.localeChanged, 0);
    }
    document.documentElement.lang = lang;
    document.title = citizenModel?.model.title || 'Ovoz';
    window.history.replaceState(window.history.state, '', urlWithLang(window.location.href, lang));
  }, [lang, citizenModel]);

  useEffect(() => applyLargeText(largeText), [largeText]);

  useEffect(() => {
    if (!model) return;
    const update = () => setLaterPage(!model.isFirstPage);
    update();
    model.onCurrentPageChanged.add(update);
    return () => model.onCurrentPageChanged.remove(update);
  }, [model]);

  // The welcome screen gives way in the frame the survey (or a message) is drawn in.
  const shownRef = useRef(false);
  useLayoutEffect(() => {
    if (phase.kind === 'loading' || shownRef.current) return;
    shownRef.current = true;
    onShown?.();
    if (focusFirstPage && phase.kind === 'survey' && model) focusPageTitle(model, false);
  }, [phase.kind, onShown, focusFirstPage, model]);

  // Announce a new state to screen readers and bring it into view.
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (phase.kind === 'survey' || phase.kind === 'loading') return;
    window.scrollTo(0, 0);
    statusRef.current?.focus();
  }, [phase.kind]);

  if (onShown && phase.kind === 'loading' && !shownRef.current) return null;
  return (
    <div className="page">
      <Header
        lang={lang}
        s={s}
        onLang={(l) => {
          rememberLang(l);
          setLang(l);
        }}
        largeText={largeText}
        onLargeText={(on) => {
          rememberLargeText(on);
          setLargeText(on);
        }}
      />
      <main className="main">
        {phase.kind === 'survey' && model ? (
          <>
            {/* Stays at the top of the screen while the citizen scrolls on. */}
            <div className="offline-bar" role="status">
              {!online && (
                <p className="offline-note">
                  {draftPersisted ? s.offlineAnswering : s.offlineAnsweringMemory}
                </p>
              )}
            </div>
            <div className="banners" role="status">
              {restored && <p className="notice notice--ok restored-note">{s.restored}</p>}
            </div>
            {fieldErrors.length > 0 && (
              <div className="notice notice--error" role="alert">
                <p>{s.invalid}</p>
                <ul>
                  {fieldErrors.map((f) => (
                    <li key={f.name}>
                      {model.getQuestionByName(questionName(f))?.title ?? f.name}
                      <span className="field-message">{f.message}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <div className={laterPage ? 'survey survey--later' : 'survey'}>
              <Survey model={model} />
            </div>
            {/* A field people never see or reach; automated form-fillers fill it and are refused. */}
            <div className="honeypot" aria-hidden="true">
              <label>
                Website
                <input
                  ref={honeypotRef}
                  type="text"
                  name="website"
                  tabIndex={-1}
                  autoComplete="off"
                />
              </label>
            </div>
          </>
        ) : (
          <div className="status" ref={statusRef} tabIndex={-1}>
            <h1 className="title">{model?.title || s.survey}</h1>
            <StatusBody
              phase={phase}
              s={s}
              model={model}
              onSendNow={() => outboxRef.current?.retryNow()}
              onReload={() => setLoadTry((n) => n + 1)}
            />
          </div>
        )}
      </main>
    </div>
  );
}
