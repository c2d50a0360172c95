/**
 * Where each value of a JSON text is, by the path the survey check uses (`pages[0].elements[2].role`,
 * '' for the root), so a server error can be underlined in the editor. Only for text that
 * JSON.parse accepts. Pure.
 */
export interface Span {
  from: number;
  to: number;
}

interface Located {
  value: Span;
  /** The member's `"key"` when the value belongs to an object. */
  key?: Span;
  container: boolean;
}

export function locateAll(text: string): Map<string, Located> {
  const map = new Map<string, Located>();
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, key?: Span): void => {
    ws();
    const from = i;
    const c = text[i];
    if (c === '{' || c === '[') {
      i++;
      ws();
      const close = c === '{' ? '}' : ']';
      let index = 0;
      while (i < text.length && text[i] !== close) {
        if (c === '{') {
          const keyFrom = i;
          const name = string();
          const keySpan = { from: keyFrom, to: i };
          ws();
          i++; // :
          value(path ? `${path}.${name}` : name, keySpan);
        } else {
          value(`${path}[${index++}]`);
        }
        ws();
        if (text[i] === ',') i++;
        ws();
      }
      i++;
      map.set(path, { value: { from, to: i }, key, container: true });
      return;
    }
    if (c === '"') string();
    else while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
    map.set(path, { value: { from, to: i }, key, container: false });
  };
  value('');
  return map;
}

/** The span to underline for a path: the value (the key for an object), or its nearest ancestor's. */
export function spanOf(map: Map<string, Located>, path: string): Span {
  let p = path;
  for (;;) {
    const found = map.get(p);
    if (found) {
      if (found.container) {
        return found.key ?? { from: found.value.from, to: found.value.from + 1 };
      }
      return { from: found.key?.from ?? found.value.from, to: found.value.to };
    }
    if (p === '') return { from: 0, to: 1 };
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    p = cut > 0 ? p.slice(0, cut) : '';
  }
}
