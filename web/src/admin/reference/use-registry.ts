/**
 * The registry (regions, districts, providers) for names and filter choices. Sociologists and
 * admins read it from the registry API; anyone else (a manager), or while the API is missing,
 * gets the regions of the reference file and no districts or providers: codes are shown instead.
 */
import { useEffect, useState } from 'react';
import { request } from '../api/client';
import type { Registry } from '../api/types';
import { REGIONS } from './regions';

export const REGISTRY_PATH = '/api/admin/registry';

export const FALLBACK_REGISTRY: Registry = { regions: [...REGIONS], districts: [], providers: [] };

let cached: Promise<Registry | null> | null = null;

function load(): Promise<Registry | null> {
  cached ??= Promise.all([
    request<Pick<Registry, 'regions'>>(`${REGISTRY_PATH}/regions`),
    request<Pick<Registry, 'districts'>>(`${REGISTRY_PATH}/districts`),
    request<Pick<Registry, 'providers'>>(`${REGISTRY_PATH}/providers`),
  ]).then(
    ([r, d, p]) => ({ regions: r.regions, districts: d.districts, providers: p.providers }),
    () => null,
  );
  return cached;
}

/** Forget the cached registry (after an import). */
export function invalidateRegistry(): void {
  cached = null;
}

export interface RegistryState {
  registry: Registry;
  /** False while loading and when only the reference regions are known. */
  full: boolean;
  loading: boolean;
}

/** `version`: change it (after an import) to read the registry again. */
export function useRegistry(enabled = true, version = 0): RegistryState {
  const [state, setState] = useState<RegistryState>({
    registry: FALLBACK_REGISTRY,
    full: false,
    loading: enabled,
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void load().then((r) => {
      if (live) setState({ registry: r ?? FALLBACK_REGISTRY, full: r !== null, loading: false });
    });
    return () => {
      live = false;
    };
  }, [enabled, version]);
  return state;
}
