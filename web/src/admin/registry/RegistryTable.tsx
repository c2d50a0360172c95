/** A searchable table of registry rows (code, names, and the row's own columns). */
import { useMemo, useState } from 'react';
import { fmt } from '../i18n/strings';
import { useLang } from '../i18n/lang';

export interface Column<T> {
  title: string;
  value(row: T): string;
}

export function RegistryTable<T>({ rows, columns }: { rows: T[]; columns: Column<T>[] }) {
  const { s } = useLang();
  const [search, setSearch] = useState('');
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    if (!needle) return rows;
    return rows.filter((r) => columns.some((c) => c.value(r).toLowerCase().includes(needle)));
  }, [rows, columns, search]);
  return (
    <div>
      <div className="table-tools">
        <label className="field field-inline">
          <span>{s.registry.search}</span>
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
        </label>
        <span className="muted">{fmt(s.registry.count, { n: shown.length })}</span>
      </div>
      <div className="table-scroll table-tall">
        <table className="data-table compact">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.title} scope="col">
                  {c.title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c.title}>{c.value(r)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
