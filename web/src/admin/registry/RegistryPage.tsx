/**
 * The registry: regions, districts and providers (sociologists read, admins import providers as
 * CSV), and the service volumes and eligible populations behind the response rate and coverage
 * (admin).
 */
import { useMemo, useState } from 'react';
import type { Registry } from '../api/types';
import { useLang } from '../i18n/lang';
import { invalidateRegistry, useRegistry } from '../reference/use-registry';
import { regionName } from '../reference/regions';
import { useUser } from '../session';
import { Notice } from '../ui/Notice';
import { Panel } from '../ui/Panel';
import { Skeleton } from '../ui/Skeleton';
import { Tabs, useTab } from '../ui/Tabs';
import { CsvImport } from './CsvImport';
import { RegistryTable, type Column } from './RegistryTable';

type Region = Registry['regions'][number];
type District = Registry['districts'][number];
type Provider = Registry['providers'][number];

export function RegistryPage() {
  const { s, lang } = useLang();
  const user = useUser();
  const admin = user.role === 'admin';
  const [tick, setTick] = useState(0);
  const { registry, full, loading } = useRegistry(true, tick);
  const tabs = [
    { key: 'regions', label: s.registry.regions },
    { key: 'districts', label: s.registry.districts },
    { key: 'providers', label: s.registry.providers },
    ...(admin
      ? [
          { key: 'volumes', label: s.registry.volumes },
          { key: 'populations', label: s.registry.populations },
        ]
      : []),
  ];
  const tab = useTab(tabs);

  const regionCols = useMemo<Column<Region>[]>(
    () => [
      { title: s.registry.code, value: (r) => r.code },
      { title: s.registry.name, value: (r) => r.names[lang] },
    ],
    [s, lang],
  );
  const districtCols = useMemo<Column<District>[]>(
    () => [
      { title: s.registry.code, value: (d) => d.code },
      { title: s.registry.name, value: (d) => d.names[lang] },
      { title: s.registry.region, value: (d) => regionName(d.region, lang) },
    ],
    [s, lang],
  );
  const providerCols = useMemo<Column<Provider>[]>(() => {
    const districtName = (code: string) =>
      registry.districts.find((d) => d.code === code)?.names[lang] ?? code;
    return [
      { title: s.registry.code, value: (p) => p.code },
      { title: s.registry.name, value: (p) => p.names[lang] },
      { title: s.registry.sector, value: (p) => s.sectors[p.sector] },
      { title: s.registry.district, value: (p) => districtName(p.district) },
      { title: s.registry.region, value: (p) => regionName(p.region, lang) },
    ];
  }, [s, lang, registry]);

  const refresh = () => {
    invalidateRegistry();
    setTick((t) => t + 1);
  };

  return (
    <div className="page">
      <h1>{s.registry.title}</h1>
      {!admin && <Notice>{s.registry.readOnly}</Notice>}
      {!loading && !full && <Notice kind="warn">{s.registry.unavailable}</Notice>}
      <Tabs tabs={tabs} label={s.registry.title} />
      <div role="tabpanel" aria-labelledby={`tab-${tab}`} className="tab-panel">
        {loading ? (
          <Skeleton lines={10} />
        ) : tab === 'regions' ? (
          <Panel>
            <RegistryTable rows={registry.regions} columns={regionCols} />
          </Panel>
        ) : tab === 'districts' ? (
          <Panel
            actions={
              <a className="btn" href="/api/admin/registry/districts.csv" download>
                {s.registry.exportCsv}
              </a>
            }
          >
            <RegistryTable rows={registry.districts} columns={districtCols} />
          </Panel>
        ) : tab === 'providers' ? (
          <Panel
            actions={
              <>
                <a className="btn" href="/api/admin/registry/providers.csv" download>
                  {s.registry.exportCsv}
                </a>
                {admin && <CsvImport path="/api/admin/registry/providers.csv" onDone={refresh} />}
              </>
            }
          >
            <RegistryTable rows={registry.providers} columns={providerCols} />
          </Panel>
        ) : tab === 'volumes' ? (
          <Panel title={s.registry.volumes}>
            <CsvImport path="/api/admin/volumes.csv" hint={s.registry.volumesHint} />
          </Panel>
        ) : (
          <Panel title={s.registry.populations}>
            <CsvImport path="/api/admin/populations.csv" hint={s.registry.populationsHint} />
          </Panel>
        )}
      </div>
    </div>
  );
}
