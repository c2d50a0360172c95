/**
 * The registry (regions, districts, providers) for names and filter choices, from
 * GET /api/reports/registry: every role that reads reports may call it, a manager gets only their
 * regions. While it loads, or if it fails, the regions of the reference file stand in (no
 * districts or providers: codes are shown instead).
 */
import { useEffect, useState } from 'react';
import { request } from '../api/client';
import type { Registry } from '../api/types';
import { useSession } from '../session';
import { REGIONS } from './regions';

export const REGISTRY_PATH = '/api/reports/registry';

export const FALLBACK_REGISTRY: Registry = { regions: [...REGIONS], districts: [], providers: [] };

/** Kept per user: a manager's registry is only their regions. */
let cached: { user: string; registry: Promise<Registry | null> } | null = null;

function load(user: string): Promise<Registry | null> {
  if (cached?.user !== user) {
    const registry = request<Registry>(REGISTRY_PATH).then(
      (r) => ({ regions: r.regions, districts: r.districts, providers: r.providers }),
      () => null,
    );
    cached = { user, registry };
  }
  return cached.registry;
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
  const user = useSession().user?.username ?? '';
  const [state, setState] = useState<RegistryState>({
    registry: FALLBACK_REGISTRY,
    full: false,
    loading: enabled,
  });
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void load(user).then((r) => {
      if (live) setState({ registry: r ?? FALLBACK_REGISTRY, full: r !== null, loading: false });
    });
    return () => {
      live = false;
    };
  }, [enabled, version, user]);
  return state;
}
