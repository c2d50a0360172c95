/**
 * Which compressions a phone or browser will take, from its Accept-Encoding header: used for
 * the pre-compressed web assets and for the JSON and pages compressed on the fly.
 */

export type Coding = 'br' | 'gzip';

/** The codings the client accepts, best first (`br` before `gzip`; `q=0` refuses). */
export function acceptedCodings(header: string | undefined): Coding[] {
  if (!header) return [];
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const star = q.get('*');
  const accepts = (name: string) => (q.get(name) ?? star ?? 0) > 0;
  return (['br', 'gzip'] as const).filter(accepts);
}
