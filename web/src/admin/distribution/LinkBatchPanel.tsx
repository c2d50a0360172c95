/**
 * Batches of one-time links for a provider's service events (admin): a CSV from
 * POST /api/admin/service-events.csv, or receipt slips to print from POST /api/admin/service-events.
 * Each batch issues new links (and is audited).
 */
import { useState, type FormEvent } from 'react';
import { ApiError, request } from '../api/client';
import type { Registry } from '../api/types';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { saveBlob } from '../lib/download';
import { useUser } from '../session';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { SlipsSheet, type IssuedLink } from './SlipsSheet';

async function postForFile(path: string, body: unknown): Promise<Response> {
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    // Let the JSON error go through the API client's shape.
    const e = (await res.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string; fields?: [] };
    };
    throw new ApiError(
      res.status,
      e.error?.code ?? 'Error',
      e.error?.message ?? res.statusText,
      e.error?.fields ?? [],
    );
  }
  return res;
}

export function LinkBatchPanel({
  slug,
  title,
  registry,
}: {
  slug: string;
  title: string;
  registry: Registry;
}) {
  const { s, lang } = useLang();
  const user = useUser();
  const [provider, setProvider] = useState('');
  const [count, setCount] = useState(8);
  const [serviceType, setServiceType] = useState('');
  const [requestedAt, setRequestedAt] = useState('');
  const [deliveredAt, setDeliveredAt] = useState('');
  const [expires, setExpires] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [issued, setIssued] = useState<number | null>(null);
  const [slips, setSlips] = useState<IssuedLink[] | null>(null);

  if (user.role !== 'admin') {
    return (
      <Panel title={s.distribution.batch}>
        <Notice>{s.distribution.adminOnly}</Notice>
      </Panel>
    );
  }

  const body = () => ({
    survey: slug,
    provider,
    count,
    ...(serviceType.trim() ? { serviceType: serviceType.trim() } : {}),
    ...(requestedAt ? { requestedAt } : {}),
    ...(deliveredAt ? { deliveredAt } : {}),
    ...(expires ? { expiresInDays: Number(expires) } : {}),
  });

  const run = async (job: () => Promise<number>) => {
    setBusy(true);
    setError(null);
    setIssued(null);
    try {
      setIssued(await job());
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };

  const csv = () =>
    run(async () => {
      const res = await postForFile('/api/admin/service-events.csv', body());
      saveBlob(
        await res.blob(),
        `ovoz-links-${slug}-${provider}.csv`,
        res.headers.get('Content-Disposition'),
      );
      return count;
    });
  const print = () =>
    run(async () => {
      const r = await request<{ links: IssuedLink[] }>('/api/admin/service-events', {
        method: 'POST',
        json: body(),
      });
      setSlips(r.links);
      return r.links.length;
    });

  const chosen = registry.providers.find((p) => p.code === provider);
  return (
    <Panel title={s.distribution.batch}>
      <p className="muted">{s.distribution.batchHint}</p>
      <form className="batch-form" onSubmit={(e: FormEvent) => e.preventDefault()}>
        <label className="field field-wide">
          <span>{s.filters.provider}</span>
          <select
            required
            value={provider}
            onChange={(e) => setProvider(e.target.value)}
            name="batch-provider"
          >
            <option value="">—</option>
            {registry.providers.map((p) => (
              <option key={p.code} value={p.code}>
                {p.names[lang]} ({p.code})
              </option>
            ))}
          </select>
        </label>
        <label className="field field-small">
          <span>{s.distribution.count}</span>
          <input
            type="number"
            min={1}
            max={200}
            value={count}
            onChange={(e) => setCount(Number(e.target.value))}
          />
        </label>
        <label className="field">
          <span>{s.distribution.serviceType}</span>
          <input
            value={serviceType}
            maxLength={100}
            onChange={(e) => setServiceType(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{s.distribution.requestedAt}</span>
          <input type="date" value={requestedAt} onChange={(e) => setRequestedAt(e.target.value)} />
        </label>
        <label className="field">
          <span>{s.distribution.deliveredAt}</span>
          <input
            type="date"
            value={deliveredAt}
            min={requestedAt}
            onChange={(e) => setDeliveredAt(e.target.value)}
          />
        </label>
        <label className="field field-small">
          <span>{s.distribution.expires}</span>
          <input
            type="number"
            min={1}
            max={365}
            value={expires}
            onChange={(e) => setExpires(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={busy || !provider}
            onClick={() => void csv()}
          >
            {s.distribution.csv}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || !provider}
            onClick={() => void print()}
          >
            {s.distribution.slips}
          </button>
        </div>
      </form>
      {issued !== null && (
        <Notice kind="ok">{fmt(s.distribution.issued, { count: issued })}</Notice>
      )}
      {error && <ErrorBox error={error} />}
      {slips && (
        <SlipsSheet
          links={slips}
          title={title}
          provider={chosen?.names[lang] ?? provider}
          onClose={() => setSlips(null)}
        />
      )}
    </Panel>
  );
}
