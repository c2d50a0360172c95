import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';

/** A suppressed value: hatched, labelled "suppressed", never a 0. */
export function Suppressed({ k }: { k: number }) {
  const { s } = useLang();
  const hint = fmt(s.stats.suppressedHint, { k });
  return (
    <span className="suppressed" title={hint} aria-label={`${s.stats.suppressed}: ${hint}`}>
      {s.stats.suppressed}
    </span>
  );
}

export function NoData() {
  const { s } = useLang();
  return (
    <span className="no-data" title={s.stats.noDataHint}>
      {s.stats.noData}
    </span>
  );
}
