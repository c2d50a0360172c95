/**
 * Save the designer's document as a new version (against the version it started from), open
 * (refused with the list of what to fix) and close a survey.
 */
import { useState } from 'react';
import { ApiError } from '../api/client';
import { surveysApi, type SurveyStatus } from '../api/surveys';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';

interface Conflict {
  version: number;
  author: string | null;
}

export function SurveyActions({
  slug,
  status,
  json,
  dirty,
  latest,
  base,
  translationState,
  restoredFrom,
  onSaved,
  onLoadTheirs,
  onChanged,
}: {
  slug: string;
  status: SurveyStatus;
  json: Record<string, unknown>;
  dirty: boolean;
  latest: number | null;
  base: number | null;
  translationState: unknown;
  restoredFrom: number | null;
  onSaved(version: number): void;
  onLoadTheirs(json: Record<string, unknown>, version: number, state: unknown): void;
  onChanged(): void;
}) {
  const { s } = useLang();
  const c = s.designer.conflict;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);

  const run = async (job: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      await job();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'EditConflict') {
        setConflict({
          version: Number(e.fields.find((f) => f.name === 'version')?.message ?? latest),
          author: e.fields.find((f) => f.name === 'author')?.message ?? null,
        });
      } else setError(e instanceof ApiError ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const save = (against: number | null) =>
    run(async () => {
      const r = await surveysApi.saveVersion(slug, json, {
        base: against,
        translationState,
        restoredFrom: restoredFrom ?? undefined,
      });
      setConflict(null);
      setNote(
        r.version === against ? s.surveys.unchanged : fmt(s.surveys.saved, { version: r.version }),
      );
      onSaved(r.version);
    });
  const theirs = () =>
    run(async () => {
      const d = await surveysApi.get(slug);
      const v = d.versions.at(-1)?.version ?? 0;
      setConflict(null);
      onLoadTheirs(d.json ?? {}, v, d.translationState);
    });
  const open = () =>
    window.confirm(s.surveys.openConfirm) &&
    run(async () => {
      await surveysApi.open(slug);
      onChanged();
    });
  const close = () =>
    window.confirm(s.surveys.closeConfirm) &&
    run(async () => {
      await surveysApi.close(slug);
      onChanged();
    });

  return (
    <div className="survey-actions">
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy || !dirty}
        onClick={() => void save(base)}
      >
        {s.surveys.saveVersion}
      </button>
      {status !== 'open' ? (
        <button type="button" className="btn" disabled={busy} onClick={() => void open()}>
          {s.surveys.open}
        </button>
      ) : (
        <button
          type="button"
          className="btn btn-danger"
          disabled={busy}
          onClick={() => void close()}
        >
          {s.surveys.close}
        </button>
      )}
      {note && <Notice kind="ok">{note}</Notice>}
      {conflict && (
        <div className="notice notice-warn dz-conflict" role="alert" data-conflict>
          <strong>{c.title}</strong>
          <p>
            {fmt(c.text, {
              version: conflict.version,
              author: conflict.author ?? c.unknownAuthor,
              base: base ?? '—',
            })}
          </p>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void save(conflict.version)}
          >
            {c.mine}
          </button>{' '}
          <button type="button" className="btn btn-small" onClick={() => void theirs()}>
            {c.theirs}
          </button>
        </div>
      )}
      {error instanceof ApiError && error.code === 'SurveyNotReady' ? (
        <div className="notice notice-error" role="alert" data-refused>
          <strong>{s.designer.checker.refused}</strong>
          <ul>
            {error.fields.map((f, i) => (
              <li key={i}>
                <code>{f.name}</code>: {f.message}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        error && <ErrorBox error={error} />
      )}
    </div>
  );
}
