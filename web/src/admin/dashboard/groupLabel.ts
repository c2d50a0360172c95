/** A report group's name for people: region, district, provider, sector, channel, period. */
import type { Lang } from '../../../../common/survey/types';
import type { Group, Registry } from '../api/types';
import type { Strings } from '../i18n/strings';
import { month } from '../lib/format';
import { regionName } from '../reference/regions';

export function groupLabel(group: Group, s: Strings, lang: Lang, registry?: Registry): string {
  const parts: string[] = [];
  for (const [dim, value] of Object.entries(group)) {
    if (value === null) {
      const what = dim === 'region' || dim === 'district' || dim === 'provider' ? dim : null;
      parts.push(what ? `${s.filters[what]}: ${s.stats.notStated}` : s.stats.notStated);
      continue;
    }
    if (dim === 'region') parts.push(regionName(value, lang));
    else if (dim === 'sector') parts.push(s.sectors[value as keyof Strings['sectors']] ?? value);
    else if (dim === 'channel') parts.push(s.channels[value as keyof Strings['channels']] ?? value);
    else if (dim === 'month') parts.push(month(value, lang));
    else if (dim === 'district')
      parts.push(registry?.districts.find((d) => d.code === value)?.names[lang] ?? value);
    else if (dim === 'provider')
      parts.push(registry?.providers.find((p) => p.code === value)?.names[lang] ?? value);
    else parts.push(value);
  }
  return parts.join(' · ') || s.stats.overall;
}

export function driverName(name: string, s: Strings): string {
  return s.drivers[name as keyof Strings['drivers']] ?? name;
}
