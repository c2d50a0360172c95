/**
 * A survey's waves: dates and per-region quotas with what has been used so far, and a form to add
 * or edit one.
 */
import { useState } from 'react';
import { ApiError } from '../api/client';
import { surveysApi, type Wave, type WaveInput } from '../api/surveys';
import { useApi } from '../api/use-api';
import { useLang } from '../i18n/lang';
import { date, num } from '../lib/format';
import { regionName } from '../reference/regions';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';
import { WaveForm } from './WaveForm';

export function WavesTab({ slug }: { slug: string }) {
  const { s, lang } = useLang();
  const list = useApi<{ waves: Wave[] }>(`/api/admin/surveys/${encodeURIComponent(slug)}/waves`);
  const [editing, setEditing] = useState<Wave | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [done, setDone] = useState(false);
  const [formKey, setFormKey] = useState(0);

  const save = async (wave: WaveInput) => {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      if (editing) await surveysApi.updateWave(slug, editing.id, wave);
      else await surveysApi.addWave(slug, wave);
      setEditing(null);
      setDone(true);
      setFormKey((k) => k + 1);
      list.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="grid-2">
      <Panel title={s.waves.title}>
        {list.error ? (
          <ErrorBox error={list.error} retry={list.reload} />
        ) : !list.data ? (
          <Skeleton lines={3} />
        ) : list.data.waves.length === 0 ? (
          <p>{s.waves.empty}</p>
        ) : (
          <ul className="wave-list">
            {list.data.waves.map((w) => (
              <li key={w.id}>
                <div className="wave-head">
                  <strong>{w.name}</strong>{' '}
                  <span className="muted">
                    {date(w.startsOn, lang)} – {date(w.endsOn, lang)}
                  </span>
                  <button type="button" className="btn btn-quiet" onClick={() => setEditing(w)}>
                    {s.surveys.edit}
                  </button>
                </div>
                {Object.keys(w.quotas).length > 0 && (
                  <ul className="quota-list">
                    {Object.entries(w.quotas).map(([region, quota]) => {
                      const used = w.used[region] ?? 0;
                      return (
                        <li key={region}>
                          {regionName(region, lang)}: {num(used, lang)} / {num(quota, lang)}
                          <meter
                            min={0}
                            max={quota}
                            value={used}
                            aria-label={regionName(region, lang)}
                          />
                        </li>
                      );
                    })}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        )}
      </Panel>
      <Panel title={editing ? editing.name : s.waves.add}>
        {done && <Notice kind="ok">{s.waves.created}</Notice>}
        {error && <ErrorBox error={error} />}
        <WaveForm
          key={editing ? `edit-${editing.id}` : `new-${formKey}`}
          initial={editing ?? undefined}
          busy={busy}
          onSubmit={(w) => void save(w)}
          onCancel={editing ? () => setEditing(null) : undefined}
        />
      </Panel>
    </div>
  );
}
