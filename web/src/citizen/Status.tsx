/** What the page says when it is not showing questions: loading, sending, waiting, done, errors. */
import type { Model } from 'survey-core';
import { headingsBelowTitle } from './a11y';
import type { OutboxState } from './outbox';
import { errorText, type Strings } from '../../../common/citizen/strings';

export type Phase =
  | { kind: 'loading' }
  /** The survey could not be fetched: no connection. */
  | { kind: 'offline' }
  | { kind: 'error'; code: string }
  | { kind: 'survey' }
  | { kind: 'outbox'; state: Extract<OutboxState, { status: 'sending' | 'waiting' }> }
  | { kind: 'done' };

export function StatusBody(props: {
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
            {s.code}: <span lang="en">{phase.code}</span>
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
          <p className="pending">{phase.state.persisted ? s.pending : s.pendingMemory}</p>
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
          dangerouslySetInnerHTML={{ __html: headingsBelowTitle(model.processedCompletedHtml) }}
        />
      ) : (
        <p className="notice notice--ok completed" role="status">
          {s.thanks}
        </p>
      );
  }
}
