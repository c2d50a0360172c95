/** Tabs whose choice lives in the address (`?tab=`), so a tab can be linked to. */
import { replaceQuery, useLocation } from '../lib/router';

export interface TabDef {
  key: string;
  label: string;
}

export function useTab(tabs: readonly TabDef[]): string {
  const { query } = useLocation();
  const t = query.get('tab');
  return tabs.some((x) => x.key === t) ? t! : (tabs[0]?.key ?? '');
}

export function Tabs({ tabs, label }: { tabs: readonly TabDef[]; label: string }) {
  const current = useTab(tabs);
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <button
          key={t.key}
          type="button"
          role="tab"
          id={`tab-${t.key}`}
          aria-selected={t.key === current}
          className={t.key === current ? 'tab tab-on' : 'tab'}
          onClick={() => replaceQuery({ tab: t.key })}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
