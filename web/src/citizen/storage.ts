/**
 * The phone's localStorage, used carefully: it may be blocked (privacy settings, some in-app
 * browsers), full, or hold something unreadable. Nothing here throws.
 */
export function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // blocked or not available
  }
}

/** The parsed JSON under `key`, or null when missing or unreadable. */
export function readJson(key: string): unknown {
  try {
    const raw = storage()?.getItem(key);
    return raw ? (JSON.parse(raw) as unknown) : null;
  } catch {
    return null;
  }
}

/** True when the value is on the phone's storage (it survives closing the page). */
export function writeJson(key: string, value: unknown): boolean {
  return writeText(key, JSON.stringify(value));
}

export function readText(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

export function writeText(key: string, value: string): boolean {
  try {
    const s = storage();
    if (!s) return false;
    s.setItem(key, value);
    return true;
  } catch {
    return false; // quota exceeded or storage blocked
  }
}

export function remove(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // nothing to do
  }
}
