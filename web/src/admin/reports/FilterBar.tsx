/**
 * The report filters: survey, period, region, district, provider, sector, channel. Every change
 * goes to the address, so the view can be shared; a manager is offered only their regions.
 */
import { useState } from 'react';
import type { Lang } from '../../../../common/survey/types';
import type { Names } from '../api/types';
import { useLang } from '../i18n/lang';
import { localText } from '../lib/local-text';
import { CHANNELS, SECTORS } from '../../../../common/reports/dimensions';
import { replaceQuery } from '../lib/router';
import { useRegistry } from '../reference/use-registry';
import { useUser } from '../session';
import { FILTER_KEYS, useFilters, type FilterKey } from './filters';
import { useSurveyChoices, type SurveyChoice } from './use-survey-choices';
import { useSurveyTitle } from './use-survey-title';

const label = (names: Names, code: string, lang: Lang) => names[lang] || code;

export function FilterBar({ hide = [] }: { hide?: FilterKey[] }) {
  const { s, lang } = useLang();
  const user = useUser();
  const f = useFilters();
  const surveys = useSurveyChoices();
  const { registry } = useRegistry();
  const [copied, setCopied] = useState(false);

  const mine = (code: string) => user.regions === null || user.regions.includes(code);
  const regions = registry.regions.filter((r) => mine(r.code));
  const districts = registry.districts.filter(
    (d) => mine(d.region) && (!f.region || d.region === f.region),
  );
  const providers = registry.providers.filter(
    (p) =>
      mine(p.region) &&
      (!f.region || p.region === f.region) &&
      (!f.district || p.district === f.district) &&
      (!f.sector || p.sector === f.sector),
  );

  const set = (key: FilterKey, value: string) => {
    const patch: Record<string, string | null> = { [key]: value || null };
    // A narrower choice that no longer fits the wider one is dropped.
    if (key === 'region') Object.assign(patch, { district: null, provider: null });
    if (key === 'district') patch.provider = null;
    replaceQuery(patch);
  };

  // A survey the list does not hold is still offered, by its public title.
  const surveyOptions: Pick<SurveyChoice, 'slug' | 'status' | 'title'>[] = [...(surveys ?? [])];
  const listed = surveyOptions.some((x) => x.slug === f.survey);
  const publicTitle = useSurveyTitle(f.survey, surveys !== undefined && !listed);
  if (!listed) {
    surveyOptions.unshift({
      slug: f.survey,
      status: 'open',
      title: publicTitle ?? f.survey,
    });
  }

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      // no clipboard: the address bar has the link
    }
  };

  const shown = (k: FilterKey) => !hide.includes(k);
  return (
    <form className="filter-bar" aria-label={s.filters.title} onSubmit={(e) => e.preventDefault()}>
      <label className="field field-wide">
        <span>{s.filters.survey}</span>
        <select value={f.survey} onChange={(e) => set('survey', e.target.value)}>
          {surveyOptions.map((x) => (
            <option key={x.slug} value={x.slug}>
              {localText(x.title, lang) || x.slug}
            </option>
          ))}
        </select>
      </label>
      {shown('from') && (
        <label className="field">
          <span>{s.filters.from}</span>
          <input type="date" value={f.from ?? ''} onChange={(e) => set('from', e.target.value)} />
        </label>
      )}
      {shown('to') && (
        <label className="field">
          <span>{s.filters.to}</span>
          <input type="date" value={f.to ?? ''} onChange={(e) => set('to', e.target.value)} />
        </label>
      )}
      {shown('region') && (
        <label className="field">
          <span>{s.filters.region}</span>
          <select value={f.region ?? ''} onChange={(e) => set('region', e.target.value)}>
            <option value="">{s.app.all}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {label(r.names, r.code, lang)}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('district') && districts.length > 0 && (
        <label className="field">
          <span>{s.filters.district}</span>
          <select value={f.district ?? ''} onChange={(e) => set('district', e.target.value)}>
            <option value="">{s.app.all}</option>
            {districts.map((d) => (
              <option key={d.code} value={d.code}>
                {label(d.names, d.code, lang)}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('provider') && providers.length > 0 && (
        <label className="field field-wide">
          <span>{s.filters.provider}</span>
          <select value={f.provider ?? ''} onChange={(e) => set('provider', e.target.value)}>
            <option value="">{s.app.all}</option>
            {providers.map((p) => (
              <option key={p.code} value={p.code}>
                {label(p.names, p.code, lang)}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('sector') && (
        <label className="field">
          <span>{s.filters.sector}</span>
          <select value={f.sector ?? ''} onChange={(e) => set('sector', e.target.value)}>
            <option value="">{s.app.all}</option>
            {SECTORS.map((x) => (
              <option key={x} value={x}>
                {s.sectors[x]}
              </option>
            ))}
          </select>
        </label>
      )}
      {shown('channel') && (
        <label className="field">
          <span>{s.filters.channel}</span>
          <select value={f.channel ?? ''} onChange={(e) => set('channel', e.target.value)}>
            <option value="">{s.app.all}</option>
            {CHANNELS.map((x) => (
              <option key={x} value={x}>
                {s.channels[x]}
              </option>
            ))}
          </select>
        </label>
      )}
      {(user.role === 'sociologist' || user.role === 'admin') && (
        <label className="field field-check" title={s.filters.exactHelp}>
          <input
            type="checkbox"
            checked={f.exact === '1'}
            onChange={(e) => set('exact', e.target.checked ? '1' : '')}
          />
          <span>{s.filters.exact}</span>
        </label>
      )}
      <div className="filter-actions">
        <button
          type="button"
          className="btn btn-quiet"
          onClick={() =>
            replaceQuery(
              Object.fromEntries(FILTER_KEYS.filter((k) => k !== 'survey').map((k) => [k, null])),
            )
          }
        >
          {s.filters.reset}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => void copy()}>
          {copied ? s.filters.copied : s.filters.share}
        </button>
      </div>
    </form>
  );
}
