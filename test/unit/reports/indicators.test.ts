import { describe, expect, it } from 'vitest';
import { wilson } from '../../../server/domain/index.js';
import { indicatorsReport } from '../../../server/reports/indicators.js';
import { mergeCounts } from '../../../server/reports/group-counts.js';
import type { GroupCounts } from '../../../server/reports/rollup-reader.js';
import { indicatorVariables } from '../../../server/reports/survey-variables.js';

const variables = indicatorVariables([
  [
    { variable: 'sat', question: 'sat', role: 'satisfaction', type: 'rating' },
    { variable: 'nps', question: 'nps', role: 'recommend', type: 'rating' },
    { variable: 'effort', question: 'effort', role: 'effort', type: 'rating' },
  ],
]);

function group(region: string, answers: Record<string, Record<string, number>>): GroupCounts {
  const map = new Map(Object.entries(answers).map(([v, c]) => [v, new Map(Object.entries(c))]));
  const responses = Object.values(answers.sat ?? {}).reduce((s, n) => s + n, 0);
  return { group: { region }, responses, answers: map, pairs: new Map() };
}

describe('indicatorsReport', () => {
  const a = group('A', {
    sat: { '5': 6, '2': 4 },
    nps: { '10': 5, '9': 1, '7': 1, '3': 3 },
    effort: { '7': 6, '2': 4 },
  });
  const b = group('B', { sat: { '4': 12 }, nps: { '9': 6, '0': 6 }, effort: { '5': 12 } });
  const c = group('C', { sat: { '1': 3 }, nps: { '10': 3 }, effort: { '1': 3 } });
  // No volumes recorded: response rate and coverage are null.
  const report = indicatorsReport(
    variables,
    [a, b, c],
    mergeCounts([a, b, c]),
    5,
    undefined,
    () => null,
  );

  it('gives NPS and CES when the survey has those roles', () => {
    const rb = report.groups[1]!;
    expect(rb.nps).toMatchObject({
      n: 12,
      promoters: 6,
      passives: 0,
      detractors: 6,
      nps: 0,
      suppressed: false,
    });
    expect(rb.ces).toEqual({
      n: 12,
      satisfied: 12,
      rate: 1,
      ci95: wilson(12, 12),
      suppressed: false,
      flags: ['low_n', 'wide_ci'],
    });
    // (15 promoters − 9 detractors) / 25; effort 5–7: 6 + 12 of 25
    expect(report.overall.nps).toMatchObject({ n: 25, promoters: 15, detractors: 9, nps: 6 / 25 });
    expect(report.overall.ces).toMatchObject({ n: 25, satisfied: 18, rate: 18 / 25 });
  });

  it('suppresses a group below k and the next smallest beside the total, per indicator', () => {
    const [ra, rb, rc] = report.groups;
    expect(rc!.nps).toMatchObject({ n: null, nps: null, suppressed: true });
    expect(rc!.ces).toMatchObject({ n: null, rate: null, suppressed: true });
    expect(rc!.satisfaction.suppressed).toBe(true);
    expect(ra!.satisfaction.suppressed).toBe(true); // the next smallest (10 < 12)
    expect(ra!.nps!.suppressed).toBe(true);
    expect(rb!.satisfaction).toMatchObject({ n: 12, rate: 1, suppressed: false });
    expect(report.overall.satisfaction).toMatchObject({ n: 25, satisfied: 18 });
  });

  it('leaves out missing indicators and null volume ratios, and says which KPI components it used', () => {
    const rb = report.groups[1]!;
    expect(rb.trust).toBeNull();
    expect(rb.deliveryTime).toBeNull();
    expect(rb.responseRate).toBeNull();
    expect(rb.coverage).toBeNull();
    expect(rb.kpi).toMatchObject({
      index: 100,
      components: ['satisfaction'],
      weights: { satisfaction: 1 },
    });
    expect(report.groups[2]!.kpi).toMatchObject({ index: null, components: [] });
  });
});
