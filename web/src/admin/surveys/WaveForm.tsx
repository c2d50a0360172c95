/** A wave's name, days and per-region quotas (blank: no quota for that region). */
import { useState, type FormEvent } from 'react';
import type { WaveInput } from '../api/surveys';
import { useLang } from '../i18n/lang';
import { REGIONS } from '../reference/regions';

export function WaveForm({
  initial,
  busy,
  onSubmit,
  onCancel,
}: {
  initial?: WaveInput;
  busy: boolean;
  onSubmit(wave: WaveInput): void;
  onCancel?: () => void;
}) {
  const { s, lang } = useLang();
  const [name, setName] = useState(initial?.name ?? '');
  const [startsOn, setStartsOn] = useState(initial?.startsOn ?? '');
  const [endsOn, setEndsOn] = useState(initial?.endsOn ?? '');
  const [quotas, setQuotas] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(initial?.quotas ?? {}).map(([k, v]) => [k, String(v)])),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q: Record<string, number> = {};
    for (const [code, v] of Object.entries(quotas)) if (v.trim() !== '') q[code] = Number(v);
    onSubmit({ name: name.trim(), startsOn, endsOn, quotas: q });
  };

  return (
    <form className="wave-form" onSubmit={submit}>
      <div className="form-row">
        <label className="field">
          <span>{s.waves.name}</span>
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{s.waves.start}</span>
          <input
            type="date"
            required
            value={startsOn}
            onChange={(e) => setStartsOn(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{s.waves.end}</span>
          <input
            type="date"
            required
            value={endsOn}
            min={startsOn}
            onChange={(e) => setEndsOn(e.target.value)}
          />
        </label>
      </div>
      <fieldset>
        <legend>{s.waves.quotas}</legend>
        <div className="quota-grid">
          {REGIONS.map((r) => (
            <label key={r.code} className="field field-small">
              <span>{r.names[lang]}</span>
              <input
                type="number"
                min={0}
                step={1}
                inputMode="numeric"
                value={quotas[r.code] ?? ''}
                onChange={(e) => setQuotas((q) => ({ ...q, [r.code]: e.target.value }))}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {initial ? s.app.save : s.waves.add}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-quiet" onClick={onCancel}>
            {s.app.cancel}
          </button>
        )}
      </div>
    </form>
  );
}
