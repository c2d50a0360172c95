/**
 * A new survey: its address (slug), its title, the languages citizens may choose, a start (blank
 * or the standard blocks) and the designer; saved as a draft (version 1).
 */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { surveysApi } from '../api/surveys';
import { standardTemplate } from '../designer/blocks';
import { readableOrder } from '../designer/model/elements';
import { useDocument } from '../designer/use-document';
import { useTranslationState } from '../designer/use-translation-state';
import { fmt, STRINGS } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { navigate } from '../lib/router';
import { ErrorBox } from '../ui/ErrorBox';
import { Spinner } from '../ui/Spinner';

const DesignerWorkspace = lazy(async () => ({
  default: (await import('../designer/DesignerWorkspace')).DesignerWorkspace,
}));

/** What the address must look like (also the pattern of the field: valid with the `v` flag). */
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const SLUG_PATTERN = '[a-z0-9](?:[a-z0-9\\-]{0,62}[a-z0-9])?';
const OPTIONAL_LANGS = ['ru', 'en'] as const;

type Json = Record<string, unknown>;

const titleOf = (json: Json): Record<string, string> =>
  json.title && typeof json.title === 'object' ? (json.title as Record<string, string>) : {};

function blank(title: Record<string, string>): Json {
  return { title, pages: [{ name: 'page1', elements: [] }] };
}

export function NewSurveyPage() {
  const { s } = useLang();
  const n = s.designer.newSurvey;
  const [slug, setSlug] = useState('');
  const doc = useDocument(() => readableOrder(standardTemplate()));
  const translations = useTranslationState(doc.json, null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const title = titleOf(doc.json);
  const uzTitle = title.uz ?? '';

  const setTitle = (uz: string) =>
    doc.change(
      fmt(s.designer.steps.change, { prop: 'title', name: slug || '…' }),
      (j) => ({ ...j, title: { ...titleOf(j), uz } }),
      'new-title',
    );
  const toggleLang = (l: string, on: boolean) =>
    doc.change(fmt(s.designer.steps.change, { prop: 'title', name: l }), (j) => {
      const t = { ...titleOf(j) };
      if (on) t[l] = t[l] ?? '';
      else delete t[l];
      return { ...j, title: t };
    });

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await surveysApi.create(slug, doc.json);
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
            pattern={SLUG_PATTERN}
            value={slug}
            onChange={(e) => setSlug(e.target.value.toLowerCase())}
            aria-describedby="slug-hint"
          />
          <small id="slug-hint">{fmt(s.surveys.slugHint, { slug: slug || '…' })}</small>
        </label>
        <label className="field">
          <span>{n.title}</span>
          <input
            name="title"
            required
            value={uzTitle}
            onChange={(e) => setTitle(e.target.value)}
            aria-describedby="title-hint"
          />
          <small id="title-hint">{n.titleHint}</small>
        </label>
        <fieldset className="field">
          <legend>{n.languages}</legend>
          <label>
            <input type="checkbox" checked disabled /> {STRINGS.uz.langName},{' '}
            {STRINGS['uz-Cyrl'].langName}
          </label>
          {OPTIONAL_LANGS.map((l) => (
            <label key={l}>
              {' '}
              <input
                type="checkbox"
                checked={l in title}
                onChange={(e) => toggleLang(l, e.target.checked)}
              />{' '}
              {STRINGS[l].langName}
            </label>
          ))}
        </fieldset>
        <fieldset className="field template-pick">
          <legend>{s.surveys.template}</legend>
          <button
            type="button"
            className="btn"
            onClick={() =>
              doc.change(s.surveys.templateBlank, (j) =>
                blank({
                  ...Object.fromEntries(Object.keys(titleOf(j)).map((k) => [k, ''])),
                  uz: uzTitle,
                }),
              )
            }
          >
            {s.surveys.templateBlank}
          </button>{' '}
          <button
            type="button"
            className="btn"
            onClick={() =>
              doc.change(s.surveys.templateStandard, () => readableOrder(standardTemplate()))
            }
          >
            {s.surveys.templateStandard}
          </button>
        </fieldset>
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy || !SLUG.test(slug) || uzTitle.trim() === ''}
        >
          {s.surveys.create}
        </button>
      </form>
      {error && <ErrorBox error={error} />}
      <Suspense fallback={<Spinner block />}>
        <DesignerWorkspace doc={doc} translations={translations} slug={slug || 'survey'} />
      </Suspense>
    </div>
  );
}
