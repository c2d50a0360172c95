/** `useApi(path)`: GET a JSON resource, again whenever the path changes; null path = nothing. */
import { useCallback, useEffect, useState } from 'react';
import { ApiError, request } from './client';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload(): void;
}

export function useApi<T>(path: string | null): ApiState<T> {
  const [state, setState] = useState<{ path: string | null; data?: T; error?: Error }>({
    path: null,
  });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    request<T>(path, { signal: controller.signal }).then(
      (data) => setState({ path, data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ path, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [path, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = state.path === path;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: path !== null && (!current || (state.data === undefined && !state.error)),
    reload,
  };
}
