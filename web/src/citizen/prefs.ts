/**
 * What the phone remembers about the citizen's reading preferences, with no cookie and nothing
 * sent to the server: the language chosen in the switcher and the large-text switch.
 */
import { isLang, type Lang } from '../../../common/survey/types';
import { readText, remove, writeText } from './storage';

const LANG_KEY = 'ovoz:lang';
const LARGE_TEXT_KEY = 'ovoz:large-text';
/** The class on <html> that scales every rem-sized thing on the page (citizen.css). */
export const LARGE_TEXT_CLASS = 'ovoz-large-text';

export function rememberedLang(): Lang | null {
  const value = readText(LANG_KEY);
  return isLang(value) ? value : null;
}

export function rememberLang(lang: Lang): void {
  writeText(LANG_KEY, lang);
}

export function rememberedLargeText(): boolean {
  return readText(LARGE_TEXT_KEY) === '1';
}

export function rememberLargeText(on: boolean): void {
  if (on) writeText(LARGE_TEXT_KEY, '1');
  else remove(LARGE_TEXT_KEY);
}

/** Scales the whole page (everything is sized in rem, survey-core included: citizen.css). */
export function applyLargeText(on: boolean): void {
  document.documentElement.classList.toggle(LARGE_TEXT_CLASS, on);
}
