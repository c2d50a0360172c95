/**
 * Uzbek Latin → Uzbek Cyrillic transliteration, following the official correspondence of the
 * two alphabets. Pure and self-contained (no imports): the server and the citizen page both use
 * it to derive a `uz-Cyrl` text from a `uz` text that has no Cyrillic version of its own.
 *
 * Letters: a→а b→б d→д e→е/э f→ф g→г h→ҳ i→и j→ж k→к l→л m→м n→н o→о p→п q→қ r→р s→с
 * t→т u→у v→в x→х y→й z→з o‘→ў g‘→ғ sh→ш ch→ч ng→нг ’→ъ (and c→ц, w→в for a stray foreign
 * letter).
 *
 * Context rules:
 * - o‘ and g‘ are recognised with any of ‘ ʻ ' ` ’ ʼ after the letter (people type all of them).
 * - yo, yu, ya, ye → ё, ю, я, е, except yo‘ → йў (Yangiyo‘l → Янгийўл).
 * - e → э at the start of a word or after a vowel, е after a consonant (eshik → эшик, tez → тез).
 * - The apostrophe (tutuq belgisi ’ ʼ ' ‘ `) between letters → ъ (ma’lumot → маълумот); s’h keeps
 *   the apostrophe's Latin role of separating s from h and gives сҳ (Is’hoq → Исҳоқ).
 * - ts → тс by default, because native words have it across a morpheme boundary (o‘tsa → ўтса,
 *   ketsa → кетса). It becomes ц only where the convention is unambiguous: at the start of a word
 *   (tsement → цемент) and before i + vowel or iy, the Russian -tsiya/-tsion/-tsiyent endings
 *   (konstitutsiya → конституция, patsiyent → пациент). Other loanwords are in EXCEPTIONS.
 * - Words the letter rules cannot get right (Russian loanwords keeping ь, ъ, ц or йо) are in a
 *   small EXCEPTIONS table, matched on the whole word and, for stems marked so, as a word prefix.
 * - Case is preserved: Sh/SH → Ш, Yo → Ё, O‘ → Ў; an all-capitals word stays all capitals.
 *
 * Left untouched: everything inside HTML tags `<...>` (names and attributes), placeholders
 * `{...}`, HTML entities (`&nbsp;`), URLs, e-mail addresses, bare domain names (my.gov.uz),
 * upper-case Roman numerals (XXI), digits, punctuation and any non-Latin text.
 */

const APOSTROPHES = new Set(['‘', 'ʻ', "'", '`', '’', 'ʼ']);

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);

const SINGLE: Readonly<Record<string, string>> = {
  a: 'а',
  b: 'б',
  c: 'ц',
  d: 'д',
  e: 'е',
  f: 'ф',
  g: 'г',
  h: 'ҳ',
  i: 'и',
  j: 'ж',
  k: 'к',
  l: 'л',
  m: 'м',
  n: 'н',
  o: 'о',
  p: 'п',
  q: 'қ',
  r: 'р',
  s: 'с',
  t: 'т',
  u: 'у',
  v: 'в',
  w: 'в',
  x: 'х',
  y: 'й',
  z: 'з',
};

const IOTATED: Readonly<Record<string, string>> = { o: 'ё', u: 'ю', a: 'я', e: 'е' };

/**
 * Words whose Cyrillic spelling the letter rules cannot derive (keys in lower case, apostrophes
 * written as ‘ for o‘/g‘ and ’ for the tutuq). A key ending in `*` is a stem that also matches
 * the start of a longer word (kompyuterlar → компьютерлар); the rest match whole words only
 * (whether their ь stays before a suffix varies, so they are not stems).
 */
const EXCEPTIONS: Readonly<Record<string, string>> = {
  // й + о / ъ instead of ё / е
  'rayon*': 'район',
  'mayor*': 'майор',
  yoga: 'йога',
  'obyekt*': 'объект',
  'subyekt*': 'субъект',
  'podyezd*': 'подъезд',
  'kompyuter*': 'компьютер',
  // е after a vowel, ц inside a word
  'poezd*': 'поезд',
  'litsey*': 'лицей',
  'dotsent*': 'доцент',
  'abzats*': 'абзац',
  'shprits*': 'шприц',
  'kvarts*': 'кварц',
  // ъ after o‘ (Latin drops the tutuq there)
  'mo‘jiza*': 'мўъжиза',
  'mo‘tabar*': 'мўътабар',
  'mo‘tadil*': 'мўътадил',
  // ь
  yanvar: 'январь',
  fevral: 'февраль',
  aprel: 'апрель',
  iyun: 'июнь',
  iyul: 'июль',
  sentabr: 'сентябрь',
  oktabr: 'октябрь',
  noyabr: 'ноябрь',
  dekabr: 'декабрь',
  medal: 'медаль',
  model: 'модель',
  panel: 'панель',
  rubl: 'рубль',
  portfel: 'портфель',
};

/** The exception for a whole word, or for a stem it starts with (and the rest of the word). */
function exceptionFor(lowerWord: string): { cyr: string; rest: string } | undefined {
  const whole = EXCEPTIONS[lowerWord] ?? EXCEPTIONS[lowerWord + '*'];
  if (whole !== undefined) return { cyr: whole, rest: '' };
  for (const key of Object.keys(EXCEPTIONS)) {
    if (!key.endsWith('*')) continue;
    const stem = key.slice(0, -1);
    if (lowerWord.length > stem.length && lowerWord.startsWith(stem)) {
      return { cyr: EXCEPTIONS[key] as string, rest: lowerWord.slice(stem.length) };
    }
  }
  return undefined;
}

function isApostrophe(ch: string | undefined): boolean {
  return ch !== undefined && APOSTROPHES.has(ch);
}

function isUpper(ch: string): boolean {
  return ch !== ch.toLowerCase();
}

/** Lower-cases a word and writes every o/g-apostrophe as ‘ and every other apostrophe as ’. */
function normaliseWord(word: string): string {
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const ch = word[i] as string;
    if (isApostrophe(ch)) {
      const prev = word[i - 1]?.toLowerCase();
      out += prev === 'o' || prev === 'g' ? '‘' : '’';
    } else {
      out += ch.toLowerCase();
    }
  }
  return out;
}

function applyCase(cyr: string, word: string): string {
  const letters = word.replace(/[^A-Za-z]/g, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return cyr.toUpperCase();
  if (letters.length > 0 && isUpper(letters[0] as string)) {
    return cyr.charAt(0).toUpperCase() + cyr.slice(1);
  }
  return cyr;
}

/** Transliterates one word (Latin letters and in-word apostrophes only). */
function convertWord(word: string): string {
  const exception = exceptionFor(normaliseWord(word));
  if (exception) {
    const head = applyCase(exception.cyr, word);
    if (exception.rest === '') return head;
    const stemEnd = word[word.length - exception.rest.length - 1]?.toLowerCase();
    const tail = convertLetters(
      word.slice(word.length - exception.rest.length),
      stemEnd !== undefined && VOWELS.has(stemEnd) ? 'vowel' : 'consonant',
    );
    return head + tail;
  }
  return convertLetters(word, 'start');
}

type Sound = 'vowel' | 'consonant' | 'start';

/** The letter-by-letter rules; `before` is what precedes `word` ('start' for a whole word). */
function convertLetters(word: string, before: Sound): string {
  const allCaps = word.length > 1 && word === word.toUpperCase();
  let out = '';
  // The kind of sound written last: a vowel, a consonant, or nothing yet (start of the word).
  let last: Sound = before;
  let i = 0;
  const lowerAt = (k: number): string | undefined => word[k]?.toLowerCase();
  const emit = (cyr: string, source: string, kind: 'vowel' | 'consonant'): void => {
    out += isUpper(source) ? (allCaps ? cyr.toUpperCase() : capitalise(cyr)) : cyr;
    last = kind;
  };

  while (i < word.length) {
    const ch = word[i] as string;
    const lower = ch.toLowerCase();
    const next = lowerAt(i + 1);

    if ((lower === 'o' || lower === 'g') && isApostrophe(word[i + 1])) {
      emit(lower === 'o' ? 'ў' : 'ғ', ch, lower === 'o' ? 'vowel' : 'consonant');
      i += 2;
      continue;
    }
    if (lower === 's' && next === 'h') {
      emit('ш', ch, 'consonant');
      i += 2;
      continue;
    }
    if (lower === 'c' && next === 'h') {
      emit('ч', ch, 'consonant');
      i += 2;
      continue;
    }
    if (lower === 's' && isApostrophe(word[i + 1]) && lowerAt(i + 2) === 'h') {
      // s’h: the apostrophe only separates s from h (Is’hoq → Исҳоқ).
      emit('с', ch, 'consonant');
      i += 2;
      continue;
    }
    if (lower === 't' && next === 's') {
      const after = lowerAt(i + 2);
      const afterNext = lowerAt(i + 3);
      const tsiVowel =
        after === 'i' && afterNext !== undefined && (VOWELS.has(afterNext) || afterNext === 'y');
      if (last === 'start' || tsiVowel) {
        emit('ц', ch, 'consonant');
        i += 2;
        continue;
      }
    }
    if (lower === 'y' && next !== undefined && next in IOTATED) {
      if (next === 'o' && isApostrophe(word[i + 2])) {
        emit('й', ch, 'consonant'); // yo‘ → йў
        i += 1;
        continue;
      }
      emit(IOTATED[next] as string, ch, 'vowel');
      i += 2;
      continue;
    }
    if (lower === 'e') {
      emit(last === 'consonant' ? 'е' : 'э', ch, 'vowel');
      i += 1;
      continue;
    }
    if (isApostrophe(ch)) {
      out += 'ъ';
      last = 'consonant';
      i += 1;
      continue;
    }
    const cyr = SINGLE[lower];
    if (cyr === undefined) {
      out += ch;
      last = 'consonant';
    } else {
      emit(cyr, ch, VOWELS.has(lower) ? 'vowel' : 'consonant');
    }
    i += 1;
  }
  return out;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * A word: Latin letters, with apostrophes kept inside it when they follow o/g (o‘, g‘) or stand
 * between two letters (the tutuq). Anything else (a quote mark, a hyphen) ends the word.
 */
const WORD = /[A-Za-z](?:[A-Za-z]|(?<=[OoGg])[‘ʻ'`’ʼ]|[‘ʻ'`’ʼ](?=[A-Za-z]))*/g;

const ROMAN = /^M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})$/;

function convertPlain(text: string): string {
  return text.replace(WORD, (word) => (ROMAN.test(word) ? word : convertWord(word)));
}

/**
 * Spans left as they are: HTML tags, placeholders, entities, URLs, e-mail addresses and bare
 * domain names.
 */
const PROTECTED = new RegExp(
  [
    '<[^>]*>',
    '\\{[^{}]*\\}',
    '&(?:[A-Za-z]+|#\\d+|#x[0-9A-Fa-f]+);',
    '(?:https?|ftp)://[^\\s<>"]+',
    'www\\.[^\\s<>"]+',
    '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}',
    '\\b[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.(?:uz|com|org|net|ru|gov|edu|info)\\b(?:/[^\\s<>"]*)?',
  ].join('|'),
  'g',
);

/** Transliterates Uzbek Latin text to Uzbek Cyrillic; see the module comment for the rules. */
export function latinToCyrillic(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(PROTECTED)) {
    const at = match.index ?? 0;
    out += convertPlain(text.slice(from, at)) + match[0];
    from = at + match[0].length;
  }
  return out + convertPlain(text.slice(from));
}

const LOCALE_KEY = /^(?:default|[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$/;

/** A SurveyJS localisable string: a plain object of locale code → string, with `uz`. */
function isLocalisableWithUz(value: Record<string, unknown>): boolean {
  if (typeof value.uz !== 'string') return false;
  return Object.entries(value).every(([k, v]) => LOCALE_KEY.test(k) && typeof v === 'string');
}

/**
 * Returns a copy of a SurveyJS JSON in which every localisable string that has `uz` but no
 * `uz-Cyrl` gains `uz-Cyrl` = latinToCyrillic(uz), placed right after `uz`. An existing `uz-Cyrl`
 * is never replaced. The input is not modified.
 */
export function fillCyrillic(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(fillCyrillic);
  if (json === null || typeof json !== 'object') return json;
  const obj = json as Record<string, unknown>;
  if (isLocalisableWithUz(obj)) {
    if ('uz-Cyrl' in obj) return { ...obj };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) {
      out[k] = v;
      if (k === 'uz') out['uz-Cyrl'] = latinToCyrillic(v as string);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = fillCyrillic(v);
  return out;
}
