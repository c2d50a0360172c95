/**
 * Uploads a CSV file as `text/csv` to an import endpoint: all rows or none. The server's problems
 * (line and column) are listed; on success its summary is shown.
 */
import { useRef, useState } from 'react';
import { ApiError, request } from '../api/client';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';
import { ErrorBox } from '../ui/ErrorBox';
import { Notice } from '../ui/Notice';

export function CsvImport({
  path,
  hint,
  onDone,
}: {
  path: string;
  hint?: string;
  onDone?: () => void;
}) {
  const { s } = useLang();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [summary, setSummary] = useState<string | null>(null);

  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setSummary(null);
    try {
      const result = await request<Record<string, unknown>>(path, {
        method: 'POST',
        body: await file.text(),
        contentType: 'text/csv',
      });
      setSummary(
        Object.entries(result)
          .map(([k, v]) => `${k}: ${String(v)}`)
          .join(', '),
      );
      onDone?.();
    } catch (e) {
      setError(e instanceof ApiError ? e : new Error(String(e)));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <div className="csv-import">
      <label className="btn">
        {busy ? s.registry.importing : s.registry.importCsv}
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          className="visually-hidden"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void upload(f);
          }}
        />
      </label>
      {hint && <span className="muted small">{hint}</span>}
      {summary && <Notice kind="ok">{fmt(s.registry.imported, { summary })}</Notice>}
      {error && <ErrorBox error={error} />}
    </div>
  );
}
