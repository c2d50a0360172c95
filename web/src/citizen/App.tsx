/** The citizen survey page: load the survey, show it, and make sure the answers arrive. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Model } from 'survey-core';
import { Survey } from 'survey-react-ui';
import { LANGUAGES, type Lang } from '../../../server/survey/types';
import { ApiError, fetchSurvey, type FieldError, type PublicSurvey } from './api';
import { newId } from './id';
import { createModel, type CitizenModel } from './model';
import { loadPending, Outbox, type OutboxState, type Pending } from './outbox';
import { parseParams, urlWithLang } from './params';
import { errorText, STRINGS, type Strings } from './strings';

type Phase =
  | { kind: 'loading' }
  /** The survey could not be fetched: no connection. */
  | { kind: 'offline' }
  | { kind: 'error'; code: string }
  | { kind: 'survey' }
  | { kind: 'outbox'; state: Extract<OutboxState, { status: 'sending' | 'waiting' }> }
  | { kind: 'done' };

export function App() {
  const params = useMemo(() => parseParams(window.location), []);
  const [lang, setLang] = useState<Lang>(params.lang);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [citizenModel, setCitizenModel] = useState<CitizenModel | null>(null);
  const model = citizenModel?.model ?? null;
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [loadTry, setLoadTry] = useState(0);
  const s = STRINGS[lang];

  const langRef = useRef(lang);
  langRef.current = lang;
  const modelRef = useRef<Model | null>(null);
  const outboxRef = useRef<Outbox | null>(null);
  /** The response id: made once, before the first try, and kept for every retry. */
  const idRef = useRef<string>('');
  if (!idRef.current) idRef.current = newId();

  const showInvalid = useCallback((fields: FieldError[]) => {
    const m = modelRef.current;
    if (!m) {
      setPhase({ kind: 'error', code: 'InvalidAnswers' });
      return;
    }
    m.clear(false, true);
    for (const f of fields) {
      m.getQuestionByName(f.name.split('.')[0] ?? f.name)?.addError(f.message);
    }
    setFieldErrors(fields);
    setPhase({ kind: 'survey' });
    const first = fields[0]?.name.split('.')[0];
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
            setPhase({ kind: 'done' });
          } else if (state.status === 'invalid') {
            showInvalid(state.fields);
          } else {
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

  // Load: send what an earlier visit left behind, and fetch the survey.
  useEffect(() => {
    const slug = params.slug;
    if (!slug) {
      setPhase({ kind: 'error', code: 'SurveyNotFound' });
      return;
    }
    let cancelled = false;
    const pending = loadTry === 0 ? loadPending(slug) : null;
    if (pending) {
      idRef.current = pending.body.id;
      startOutbox(pending, true);
    }
    setPhase((p) => (p.kind === 'offline' ? { kind: 'loading' } : p));
    fetchSurvey(slug, params)
      .then((survey: PublicSurvey) => {
        if (cancelled) return;
        const cm = createModel(survey, langRef.current);
        const m = cm.model;
        if (pending) m.data = pending.body.answers;
        m.onComplete.add((sender) => {
          setFieldErrors([]);
          startOutbox({
            slug,
            body: {
              id: idRef.current,
              answers: sender.data as Record<string, unknown>,
              lang: langRef.current,
              version: survey.version,
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
  }, [params, loadTry, startOutbox]);

  // Stop the retry loop when the page goes away (the answers stay in storage).
  useEffect(() => () => outboxRef.current?.stop(), []);

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

  // Announce a new state to screen readers and bring it into view.
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (phase.kind === 'survey' || phase.kind === 'loading') return;
    window.scrollTo(0, 0);
    statusRef.current?.focus();
  }, [phase.kind]);

  return (
    <div className="page">
      <header className="bar">
        <LanguageSwitcher lang={lang} s={s} onChange={setLang} />
      </header>
      <main className="main">
        {phase.kind === 'survey' && model ? (
          <>
            {fieldErrors.length > 0 && (
              <div className="notice notice--error" role="alert">
                <p>{s.invalid}</p>
                <ul>
                  {fieldErrors.map((f) => (
                    <li key={f.name}>
                      {model.getQuestionByName(f.name.split('.')[0] ?? f.name)?.title ?? f.name}
                      <span className="field-message">{f.message}</span>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <Survey model={model} />
          </>
        ) : (
          <div className="status" ref={statusRef} tabIndex={-1}>
            {model?.title && phase.kind !== 'error' && <h1 className="title">{model.title}</h1>}
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

function StatusBody(props: {
  phase: Phase;
  s: Strings;
  model: Model | null;
  onSendNow: () => void;
  onReload: () => void;
}) {
  const { phase, s, model } = props;
  switch (phase.kind) {
    case 'loading':
    case 'survey':
      return (
        <p className="notice" role="status">
          <span className="spinner" aria-hidden="true" /> {s.loading}
        </p>
      );
    case 'offline':
      return (
        <div className="notice notice--warn" role="alert">
          <p>{s.offline}</p>
          <button type="button" className="button" onClick={props.onReload}>
            {s.tryAgain}
          </button>
        </div>
      );
    case 'error':
      return (
        <div className="notice notice--error" role="alert">
          <p className="error-text">{errorText(s, phase.code)}</p>
          <p className="error-code">
            {s.code}: {phase.code}
          </p>
        </div>
      );
    case 'outbox':
      if (phase.state.status === 'sending' && !phase.state.retry) {
        return (
          <p className="notice" role="status">
            <span className="spinner" aria-hidden="true" /> {s.sending}
          </p>
        );
      }
      // Waiting, or trying again: the message stays put rather than flickering on every try.
      return (
        <div className="notice notice--warn" role="status">
          <p>{phase.state.persisted ? s.pending : s.pendingMemory}</p>
          {phase.state.status === 'sending' ? (
            <p className="sending">
              <span className="spinner" aria-hidden="true" /> {s.sending}
            </p>
          ) : (
            <button type="button" className="button" onClick={props.onSendNow}>
              {s.sendNow}
            </button>
          )}
        </div>
      );
    case 'done':
      return model && !model.locCompletedHtml.isEmpty ? (
        <div
          className="notice notice--ok completed"
          role="status"
          // The questionnaire's own completion text (authored HTML, as SurveyJS renders it).
          dangerouslySetInnerHTML={{ __html: model.processedCompletedHtml }}
        />
      ) : (
        <p className="notice notice--ok completed" role="status">
          {s.thanks}
        </p>
      );
  }
}

function LanguageSwitcher(props: { lang: Lang; s: Strings; onChange: (lang: Lang) => void }) {
  return (
    <nav className="langs" aria-label={props.s.language}>
      {LANGUAGES.map((l) => (
        <a
          key={l}
          href={urlWithLang(window.location.href, l)}
          hrefLang={l}
          lang={l}
          className="lang"
          aria-current={l === props.lang ? 'true' : undefined}
          onClick={(e) => {
            e.preventDefault();
            props.onChange(l);
          }}
        >
          {STRINGS[l].langName}
        </a>
      ))}
    </nav>
  );
}
