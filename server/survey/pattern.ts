/**
 * Answer-format patterns (SurveyJS `regex` validators) that cannot freeze anyone. The citizen's
 * phone runs a pattern with JavaScript's backtracking RegExp (survey-core), and so does the
 * server, so both always agree on an answer; a pattern that could make such an engine try the
 * same text in very many ways (`^(a+)+$`, `(a|aa)*`, `(.*a){20}`…) is refused when the
 * questionnaire is saved. redos-detector proves a pattern safe by bounding its worst-case
 * backtracking; whatever it cannot prove within its step and time budget counts as unsafe. The
 * answer a pattern is run on is capped as well (MAX_PATTERN_INPUT, in the answer validator).
 */
import { isSafe } from 'redos-detector';
import { MAX_PATTERN_LENGTH } from '../../common/limits.js';

export type PatternProblem = 'PatternTooLong' | 'PatternInvalid' | 'PatternUnsafe';

export type PatternVerdict =
  { ok: true; re: RegExp } | { ok: false; problem: PatternProblem; message: string };

/** Worst-case backtracks a safe pattern may have, and the analysis budget. */
const MAX_SCORE = 50;
const ANALYSIS_MS = 400;
const CACHE_SIZE = 2000;

const verdicts = new Map<string, PatternVerdict>();

function judge(source: string, caseInsensitive: boolean): PatternVerdict {
  if (source.length > MAX_PATTERN_LENGTH) {
    return {
      ok: false,
      problem: 'PatternTooLong',
      message: `the answer format is ${source.length} characters long; the limit is ${MAX_PATTERN_LENGTH} (limit: pattern length)`,
    };
  }
  let re: RegExp;
  try {
    re = new RegExp(source, caseInsensitive ? 'i' : '');
  } catch (e) {
    return {
      ok: false,
      problem: 'PatternInvalid',
      message: `the answer format is not a valid regular expression (${(e as Error).message})`,
    };
  }
  let safe: boolean;
  try {
    safe = isSafe(re, { maxScore: MAX_SCORE, timeout: ANALYSIS_MS }).safe;
  } catch {
    safe = false; // a construct the analysis cannot read is not proven safe
  }
  if (!safe) {
    return {
      ok: false,
      problem: 'PatternUnsafe',
      message:
        'the answer format could make checking one answer take minutes, because part of it can ' +
        'match the same text in very many ways (as in (a+)+ or (a|aa)*); write it so that each ' +
        'character can be matched only one way',
    };
  }
  return { ok: true, re };
}

/** The verdict on a pattern, remembered: questionnaires repeat the same few patterns. */
export function checkPattern(source: string, caseInsensitive: boolean): PatternVerdict {
  const key = `${caseInsensitive ? 'i' : '-'}${source}`;
  let verdict = verdicts.get(key);
  if (!verdict) {
    verdict = judge(source, caseInsensitive);
    if (verdicts.size >= CACHE_SIZE) verdicts.clear();
    verdicts.set(key, verdict);
  }
  // A RegExp without the g or y flag keeps no state between tests, so one object can be shared.
  return verdict;
}
