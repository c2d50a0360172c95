/**
 * `useReport(kind, filters, extra)`: one report for the filters in the address. The reports API
 * refuses parameters it does not know; if it refuses `channel`, the channel filter is dropped for
 * the rest of the visit and the filter bar says so.
 */
import { useSyncExternalStore } from 'react';
import { ApiError } from '../api/client';
import { useApi, type ApiState } from '../api/use-api';
import { reportPath, type Filters, type ReportKind } from './filters';

let channelSupported = true;
const listeners = new Set<() => void>();

function markChannelUnsupported() {
  if (!channelSupported) return;
  channelSupported = false;
  listeners.forEach((l) => l());
}

export function useChannelSupported(): boolean {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => channelSupported,
  );
}

export function useReport<T>(
  kind: ReportKind,
  filters: Filters,
  extra: { groupBy?: string; method?: string } = {},
  enabled = true,
): ApiState<T> {
  const withChannel = useChannelSupported();
  const state = useApi<T>(enabled ? reportPath(kind, filters, extra, withChannel) : null);
  const e = state.error;
  if (
    withChannel &&
    filters.channel &&
    e instanceof ApiError &&
    e.status === 400 &&
    e.fields.some((f) => f.name === 'channel')
  ) {
    queueMicrotask(markChannelUnsupported);
    return { ...state, error: undefined, loading: true };
  }
  return state;
}
