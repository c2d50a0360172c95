/**
 * Webhooks (admin): the registered endpoints, a form to add one (its signing secret is shown once)
 * and the delivery log, newest first (GET|POST /api/admin/webhooks, GET /api/admin/webhooks/deliveries).
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import type {
  createdEndpoint,
  deliveryList,
  endpointList,
} from '../../../../server/routes/admin-webhooks';
import { ApiError, request, type RequestOptions } from '../api/client';
import { useApi, type ApiState } from '../api/use-api';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { date } from '../lib/format';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';

type EndpointList = z.output<typeof endpointList>;
type DeliveryList = z.output<typeof deliveryList>;

/**
 * An error, a placeholder while loading, a line when there are no rows, else the table: its
 * header row of `columns`, then a row per item.
 */
function LoadedTable<T, R>({
  state,
  rowsOf,
  empty,
  className,
  columns,
  row,
}: {
  state: ApiState<T>;
  rowsOf: (data: T) => readonly R[];
  empty: string;
  className: string;
  columns: readonly string[];
  row: (item: R) => ReactNode;
}) {
  if (state.error) return <ErrorBox error={state.error} retry={state.reload} />;
  if (!state.data) return <Skeleton lines={3} />;
  const rows = rowsOf(state.data);
  if (!rows.length) return <p>{empty}</p>;
  return (
    <div className="table-scroll">
      <table className={className}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{rows.map(row)}</tbody>
      </table>
    </div>
  );
}

/** A quiet button of a table row that sends one change. */
function RowAction({
  busy,
  onClick,
  children,
}: {
  busy: boolean;
  onClick(): void;
  children: ReactNode;
}) {
  return (
    <button type="button" className="btn btn-quiet" disabled={busy} onClick={onClick}>
      {children}
    </button>
  );
}

export function WebhooksPage() {
  const { s, lang } = useLang();
  const t = s.webhooks;
  const list = useApi<EndpointList>('/api/admin/webhooks');
  const log = useApi<DeliveryList>('/api/admin/webhooks/deliveries?limit=100');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['response.created']);
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [busy, setBusy] = useState(false);

  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      list.reload();
      log.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  const add = (e: FormEvent) => {
    e.preventDefault();
    setSecret(null);
    void act(async () => {
      const r = await request<z.output<typeof createdEndpoint>>('/api/admin/webhooks', {
        method: 'POST',
        json: { url, events },
      });
      setSecret(r.secret);
      setUrl('');
    });
  };
  /** Sends one change (a request without an answer to read), then reloads both tables. */
  const send = (path: string, options: RequestOptions) => () =>
    void act(() => request(path, options));
  const toggle = (name: string) =>
    setEvents((list) => (list.includes(name) ? list.filter((x) => x !== name) : [...list, name]));

  return (
    <div className="page">
      <h1>{t.title}</h1>
      <div className="grid-users">
        <Panel title={t.endpoints}>
          <LoadedTable
            state={list}
            rowsOf={(d) => d.endpoints}
            empty={t.none}
            className="data-table compact"
            columns={[t.url, t.events, t.counts, '']}
            row={(ep) => (
              <tr key={ep.id} data-endpoint={ep.id}>
                <th scope="row" className="wrap-anywhere">
                  {ep.url}
                  {!ep.active && <span className="muted small"> ({t.paused})</span>}
                </th>
                <td>{ep.events.join(', ')}</td>
                <td>
                  {fmt(t.countsValue, {
                    delivered: ep.deliveries.delivered,
                    pending: ep.deliveries.pending,
                    failed: ep.deliveries.failed,
                  })}
                </td>
                <td className="nowrap">
                  <RowAction
                    busy={busy}
                    onClick={send(`/api/admin/webhooks/${ep.id}`, {
                      method: 'PUT',
                      json: { active: !ep.active },
                    })}
                  >
                    {ep.active ? t.pause : t.resume}
                  </RowAction>{' '}
                  <RowAction
                    busy={busy}
                    onClick={send(`/api/admin/webhooks/${ep.id}`, { method: 'DELETE' })}
                  >
                    {t.remove}
                  </RowAction>
                </td>
              </tr>
            )}
          />
          {list.data && (
            <p className="muted small">
              {fmt(t.signing, {
                seconds: list.data.replayWindowSeconds,
                header: 'Ovoz-Webhook-Signature',
                scheme: 'v1= HMAC-SHA256',
                payload: 'timestamp.body',
              })}
            </p>
          )}
        </Panel>
        <Panel title={t.addTitle}>
          {secret && (
            <Notice kind="ok">
              {t.secretOnce} <code className="wrap-anywhere">{secret}</code>
            </Notice>
          )}
          {error && <ErrorBox error={error} />}
          <form className="user-form" onSubmit={add}>
            <label className="field">
              <span>{t.url}</span>
              <input
                name="webhook-url"
                type="url"
                required
                placeholder="https://"
                value={url}
                onChange={(e) => setUrl(e.target.value)}
              />
            </label>
            <fieldset className="region-picks">
              <legend>{t.events}</legend>
              {(list.data?.events ?? []).map((name) => (
                <label key={name} className="check">
                  <input
                    type="checkbox"
                    value={name}
                    checked={events.includes(name)}
                    onChange={() => toggle(name)}
                  />{' '}
                  <code>{name}</code> — {t.eventNames[name as keyof typeof t.eventNames] ?? ''}
                </label>
              ))}
            </fieldset>
            <button type="submit" className="btn btn-primary" disabled={busy || !events.length}>
              {t.add}
            </button>
          </form>
        </Panel>
      </div>
      <Panel title={t.log}>
        <LoadedTable
          state={log}
          rowsOf={(data) => data.deliveries}
          empty={t.noDeliveries}
          className="data-table compact webhook-log"
          columns={[t.at, t.event, t.url, t.status, t.attempts, t.lastAnswer, t.next]}
          row={(d) => (
            <tr key={d.id} data-status={d.status}>
              <td className="nowrap">{date(d.createdAt, lang, true)}</td>
              <td>
                <code>{d.event}</code>
                <div className="muted small">{d.eventId}</div>
              </td>
              <td className="wrap-anywhere">{d.url}</td>
              <td>{t.statuses[d.status]}</td>
              <td>{d.attempts}</td>
              <td className="wrap-anywhere">
                {d.lastStatus ?? ''} {d.lastError ?? ''}
              </td>
              <td className="nowrap">
                {d.status === 'pending' && d.nextAt ? date(d.nextAt, lang, true) : ''}
                {d.status === 'delivered' && d.deliveredAt ? date(d.deliveredAt, lang, true) : ''}
                {d.status === 'failed' && (
                  <RowAction
                    busy={busy}
                    onClick={send(`/api/admin/webhooks/deliveries/${d.id}/retry`, {
                      method: 'POST',
                    })}
                  >
                    {t.retry}
                  </RowAction>
                )}
              </td>
            </tr>
          )}
        />
      </Panel>
    </div>
  );
}
