/**
 * The 14 first-level divisions (ISO 3166-2 codes and names in the four languages), taken from the
 * registry's reference file at build time: the dashboard names and draws regions even for a
 * manager, who cannot read the registry API.
 */
import regionsFile from '../../../../common/reference/regions-uz.json';
import type { Lang } from '../../../../common/survey/types';
import type { Names } from '../api/types';

export const REGIONS: readonly { code: string; names: Names }[] = regionsFile.regions.map((r) => ({
  code: r.code,
  names: { uz: r.uz, 'uz-Cyrl': r['uz-Cyrl'], ru: r.ru, en: r.en },
}));

export function regionName(code: string, lang: Lang): string {
  return REGIONS.find((r) => r.code === code)?.names[lang] ?? code;
}
