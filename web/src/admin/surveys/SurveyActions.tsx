/** Open and close a survey (asks first), and save the editor's text as a new version. */
import { useState } from 'react';
import { ApiError } from '../api/client';
import { surveysApi, type SurveyStatus } from '../api/surveys';
import { parseSurvey } from '../designer/parse';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';

export function SurveyActions({
  slug,
  status,
  text,
  dirty,
  latest,
  onChanged,
}: {
  slug: string;
  status: SurveyStatus;
  text: string;
  dirty: boolean;
  latest: number | null;
  onChanged(): void;
}) {
  const { s } = useLang();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const run = async (job: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      setNote(await job());
      onChanged();
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    run(async () => {
      const json = parseSurvey(text);
      if (!json) throw new Error(s.surveys.invalidJson);
      const r = await surveysApi.saveVersion(slug, json);
      return r.version === latest
        ? s.surveys.unchanged
        : fmt(s.surveys.saved, { version: r.version });
    });
  const open = () =>
    window.confirm(s.surveys.openConfirm) &&
    run(async () => {
      await surveysApi.open(slug);
      return null;
    });
  const close = () =>
    window.confirm(s.surveys.closeConfirm) &&
    run(async () => {
      await surveysApi.close(slug);
      return null;
    });

  return (
    <div className="survey-actions">
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy || !dirty}
        onClick={() => void save()}
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
      {error && <ErrorBox error={error} />}
    </div>
  );
}
