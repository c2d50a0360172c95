/**
 * JSON from a person or a program, bounded before anything walks it: the nesting is measured on
 * the text in one linear pass (no recursion, so no stack to overflow) and refused past
 * MAX_JSON_DEPTH with 400 `TooDeep`; only then is the text parsed.
 */
import { AppError } from '../errors.js';
import { MAX_JSON_DEPTH } from '../../common/limits.js';

/** The deepest nesting of arrays and objects in a JSON text (strings skipped). */
export function jsonDepth(text: string, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c /* \ */) i++;
      else if (ch === 0x22 /* " */) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (++depth > max) {
        max = depth;
        if (max > stopAbove) return max;
      }
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) depth--;
  }
  return max;
}

export function tooDeep(what = 'the body'): AppError {
  return new AppError(
    'TooDeep',
    `${what} is nested more than ${MAX_JSON_DEPTH} levels deep (limit: JSON nesting depth)`,
  );
}

/** Parses a JSON text after checking its depth: 400 TooDeep, 400 BadRequest for bad JSON. */
export function parseJsonText(text: string, what?: string): unknown {
  if (jsonDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) throw tooDeep(what);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BadRequest', `${what ?? 'the body'} is not valid JSON`);
  }
}
