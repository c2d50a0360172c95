/**
 * Which satisfaction rates a view shows — weighted to the people served or unweighted
 * (docs/weights.md) — and, where the view can switch, the switch (kept in the address).
 */
import { useLang } from '../i18n/lang';
import { replaceQuery } from '../lib/router';
import { useFilters } from './filters';

export function WeightingNote({ toggle = false }: { toggle?: boolean }) {
  const { s } = useLang();
  const f = useFilters();
  const weighted = f.weighted === '1';
  return (
    <p className="weighting-note muted" data-weighted={weighted ? 'yes' : 'no'}>
      {toggle && (
        <label className="weighting-toggle">
          <input
            type="checkbox"
            checked={weighted}
            onChange={(e) => replaceQuery({ weighted: e.target.checked ? '1' : null })}
          />{' '}
          <strong>{s.weights.toggle}</strong>
        </label>
      )}
      {toggle && ' · '}
      {weighted ? s.weights.weightedNote : s.weights.unweightedNote}
    </p>
  );
}
