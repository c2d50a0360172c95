/** Saves a response body (CSV, HTML) as a file, named as the server suggests. */
export function saveBlob(blob: Blob, fallbackName: string, disposition?: string | null): void {
  const name = /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
