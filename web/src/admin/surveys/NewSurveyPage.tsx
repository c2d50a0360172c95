/**
 * A new survey: its address (slug), a start (blank or the standard blocks) and the designer; saved
 * as a draft (version 1) with POST /api/admin/surveys.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { surveysApi } from '../api/surveys';
import { blankTemplate, standardTemplate } from '../designer/blocks';
import { Designer } from '../designer/Designer';
import { parseSurvey, pretty } from '../designer/parse';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { navigate } from '../lib/router';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function NewSurveyPage() {
  const { s } = useLang();
  const [slug, setSlug] = useState('');
  const [text, setText] = useState(() => pretty(standardTemplate()));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [invalid, setInvalid] = useState(false);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const json = parseSurvey(text);
    if (!json) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setBusy(true);
    setError(null);
    try {
      await surveysApi.create(slug, json);
      navigate(`/admin/surveys/${encodeURIComponent(slug)}?created=1`);
    } catch (err) {
      setError(err instanceof ApiError ? err : new Error(String(err)));
      setBusy(false);
    }
  };

  return (
    <div className="page page-wide">
      <h1>{s.surveys.new}</h1>
      <form className="new-survey" onSubmit={(e) => void create(e)}>
        <label className="field">
          <span>{s.surveys.slug}</span>
          <input
            name="slug"
            required
            pattern={SLUG.source}
            value={slug}
            onChange={(e) => setSlug(e.target.value.toLowerCase())}
            aria-describedby="slug-hint"
          />
          <small id="slug-hint">{fmt(s.surveys.slugHint, { slug: slug || '…' })}</small>
        </label>
        <fieldset className="field template-pick">
          <legend>{s.surveys.template}</legend>
          <button type="button" className="btn" onClick={() => setText(pretty(blankTemplate()))}>
            {s.surveys.templateBlank}
          </button>{' '}
          <button type="button" className="btn" onClick={() => setText(pretty(standardTemplate()))}>
            {s.surveys.templateStandard}
          </button>
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={busy || !SLUG.test(slug)}>
          {s.surveys.create}
        </button>
      </form>
      {invalid && <Notice kind="warn">{s.surveys.invalidJson}</Notice>}
      {error && <ErrorBox error={error} />}
      <Designer text={text} onText={setText} />
    </div>
  );
}
