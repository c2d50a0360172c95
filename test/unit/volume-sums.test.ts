/** server/volumes/sums.ts: a report group's service volumes from the recorded rows. */
import { describe, expect, it } from 'vitest';
import { volumeLookup, type VolumeData, type VolumeSelection } from '../../server/volumes/sums.js';

const data: VolumeData = {
  regions: ['R1', 'R2'],
  districts: [
    { code: 'R1-1', region: 'R1' },
    { code: 'R1-2', region: 'R1' },
    { code: 'R2-1', region: 'R2' },
  ],
  providers: [
    { code: 'A', region: 'R1', district: 'R1-1', sector: 'state' },
    { code: 'B', region: 'R1', district: 'R1-2', sector: 'ngo' },
    { code: 'C', region: 'R2', district: 'R2-1', sector: 'state' },
  ],
  volumes: [
    { provider: 'A', month: '2026-01', served: 100, offered: 50 },
    { provider: 'A', month: '2026-02', served: 110, offered: null },
    { provider: 'B', month: '2026-01', served: null, offered: 20 },
    { provider: 'C', month: '2026-01', served: 0, offered: 0 },
  ],
  populations: [
    { area: 'R1-1', year: 2026, eligible: 300 },
    { area: 'R1-2', year: 2026, eligible: 200 },
    { area: 'R2', year: 2025, eligible: 900 },
    { area: 'R2', year: 2026, eligible: 1000 },
  ],
};

const sel = (s: Partial<VolumeSelection> = {}): VolumeSelection => ({
  from: null,
  to: null,
  filters: {},
  scope: { regions: null },
  ...s,
});

describe('volumeLookup', () => {
  it('sums what is recorded over the providers and months of the overall selection', () => {
    const all = volumeLookup(data, sel())({});
    // Eligible: R1 from its two districts (500) + R2 (1000), the latest year recorded.
    expect(all).toEqual({ served: 210, offered: 70, eligible: 1500, servedMonths: 2 });
    const jan = volumeLookup(data, sel({ from: '2026-01-10', to: '2026-01-20' }))({});
    expect(jan).toEqual({ served: 100, offered: 70, eligible: 1500, servedMonths: 1 });
  });

  it('is null where nothing is recorded, never 0; a recorded 0 stays 0', () => {
    expect(volumeLookup(data, sel({ from: '2026-03-01' }))({})).toEqual({
      served: null,
      offered: null,
      eligible: 1500,
      servedMonths: 0,
    });
    expect(volumeLookup(data, sel({ to: '2024-12-31' }))({})).toEqual({
      served: null,
      offered: null,
      eligible: null,
      servedMonths: 0,
    });
    expect(volumeLookup(data, sel())({ provider: 'C' })).toEqual({
      served: 0,
      offered: 0,
      eligible: null,
      servedMonths: 1,
    });
    expect(volumeLookup(data, sel())({ provider: 'B' })).toEqual({
      served: null,
      offered: 20,
      eligible: null,
      servedMonths: 0,
    });
  });

  it('follows the group: region, district, month; no eligible for providers or sectors', () => {
    const look = volumeLookup(data, sel());
    expect(look({ region: 'R1' })).toEqual({
      served: 210,
      offered: 70,
      eligible: 500,
      servedMonths: 2,
    });
    expect(look({ district: 'R1-2' })).toEqual({
      served: null,
      offered: 20,
      eligible: 200,
      servedMonths: 0,
    });
    expect(look({ region: 'R1', month: '2026-02' })).toEqual({
      served: 110,
      offered: null,
      eligible: 500,
      servedMonths: 1,
    });
    expect(look({ sector: 'state' })).toEqual({
      served: 210,
      offered: 50,
      eligible: null,
      servedMonths: 2,
    });
    expect(look({ region: null })).toEqual({
      served: null,
      offered: null,
      eligible: null,
      servedMonths: 0,
    });
    expect(look({ channel: 'online' })).toEqual({
      served: null,
      offered: null,
      eligible: null,
      servedMonths: 0,
    });
  });

  it('keeps to the filters, the years of the range and the user’s regions', () => {
    expect(
      volumeLookup(data, sel({ from: '2025-01-01', to: '2025-12-31' }))({ region: 'R2' }),
    ).toEqual({
      served: null,
      offered: null,
      eligible: 900,
      servedMonths: 0,
    });
    expect(volumeLookup(data, sel({ filters: { region: 'R1' } }))({ provider: 'C' })).toEqual({
      served: null,
      offered: null,
      eligible: null,
      servedMonths: 0,
    });
    const manager = volumeLookup(data, sel({ scope: { regions: ['R2'] } }));
    expect(manager({})).toEqual({ served: 0, offered: 0, eligible: 1000, servedMonths: 1 });
    // A national figure needs every region: without R1's districts it is unknown.
    const partial = volumeLookup({ ...data, populations: data.populations.slice(2) }, sel());
    expect(partial({})).toMatchObject({ eligible: null });
  });
});
