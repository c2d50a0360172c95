/**
 * The live preview: the survey as a citizen would get it (survey-react-ui, Ovoz's survey-core set-up
 * from the citizen page, Cyrillic derived where a text has none, the registry's choices in the
 * context questions), in the language chosen here, independent of the admin UI's language.
 */
import { useEffect, useMemo } from 'react';
import 'survey-core/survey-core.fontless.min.css';
import { settings } from 'survey-core';
import { Survey } from 'survey-react-ui';
import { materialize } from '../../../../common/survey/materialize';
import { fillCyrillic } from '../../../../common/survey/translit';
import { LANGUAGES, type Lang, type SurveyJson } from '../../../../common/survey/types';
import { createModel } from '../../citizen/model';
import type { Registry } from '../api/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { STRINGS } from '../i18n/strings';
import { Notice } from '../ui/Notice';

function build(json: SurveyJson, registry: Registry | null) {
  const filled = fillCyrillic(json) as SurveyJson;
  const ready = registry ? materialize(filled, registry) : filled;
  const built = createModel({ slug: 'preview', version: 0, json: ready }, 'uz');
  // Inside the admin page (its h1, the Preview h2): the survey's headings one level below.
  settings.titleTags.survey = 'h2';
  settings.titleTags.page = 'h3';
  settings.titleTags.panel = 'h4';
  settings.titleTags.question = 'h3';
  return built;
}

export function PreviewLangPicker({ value, onChange }: { value: Lang; onChange(l: Lang): void }) {
  const { s } = useLang();
  return (
    <div className="seg" role="radiogroup" aria-label={s.designer.previewLang}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          role="radio"
          aria-checked={l === value}
          className={l === value ? 'seg-btn seg-on' : 'seg-btn'}
          onClick={() => onChange(l)}
          lang={l}
          data-lang={l}
        >
          {l === 'uz-Cyrl' ? 'Ўзб' : l === 'uz' ? 'Oʻzb' : STRINGS[l].langName.slice(0, 3)}
        </button>
      ))}
    </div>
  );
}

export function Preview({
  json,
  lang,
  registry,
}: {
  json: SurveyJson | null;
  lang: Lang;
  registry: Registry | null;
}) {
  const { s } = useLang();
  const built = useMemo(() => {
    if (!json) return null;
    try {
      return { ok: true as const, ...build(json, registry) };
    } catch (e) {
      return { ok: false as const, message: (e as Error).message };
    }
  }, [json, registry]);

  useEffect(() => {
    if (!built?.ok) return;
    built.model.locale = lang;
    built.localeChanged();
  }, [built, lang]);

  if (!built) return <Notice kind="warn">{s.surveys.invalidJson}</Notice>;
  if (!built.ok)
    return <Notice kind="error">{fmt(s.designer.previewError, { message: built.message })}</Notice>;
  return (
    <div className="preview-frame" lang={lang} data-preview-lang={lang}>
      <Survey model={built.model} />
    </div>
  );
}
