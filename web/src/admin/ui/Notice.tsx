import type { ReactNode } from 'react';

/** A short message: ok (green), info (blue), warn (amber). */
export function Notice({
  kind = 'info',
  children,
}: {
  kind?: 'ok' | 'info' | 'warn' | 'error';
  children: ReactNode;
}) {
  return (
    <div className={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
