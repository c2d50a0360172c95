import { describe, it, expect } from 'vitest';
import {
  componentScore,
  DEFAULT_KPI_CONFIG,
  socialKpiIndex,
  type KpiConfig,
} from '../../../server/domain/kpi-index.js';

describe('socialKpiIndex', () => {
  it('default weights from METRICS.md, published floors and targets', () => {
    expect(DEFAULT_KPI_CONFIG.weights).toEqual({
      satisfaction: 0.35,
      trust: 0.15,
      deliveryTime: 0.2,
      affordability: 0.15,
      coverage: 0.15,
    });
    expect(DEFAULT_KPI_CONFIG.floors).toEqual({
      satisfaction: 0.3,
      trust: 0.2,
      deliveryTime: 30,
      affordability: 0.5,
      coverage: 0.2,
    });
    expect(DEFAULT_KPI_CONFIG.targets).toEqual({
      satisfaction: 0.95,
      trust: 0.9,
      deliveryTime: 3,
      affordability: 1,
      coverage: 1,
    });
  });

  it('component scores: linear between floor and target, kept in [0, 100]', () => {
    expect(componentScore('satisfaction', 0.95, 0.3, 0.95)).toBe(100);
    expect(componentScore('satisfaction', 0.625, 0.3, 0.95)).toBeCloseTo(50, 12);
    expect(componentScore('satisfaction', 0.99, 0.3, 0.95)).toBe(100);
    expect(componentScore('satisfaction', 0.2, 0.3, 0.95)).toBe(0);
    // delivery: 30 days scores 0, 3 days 100; 16.5 days is halfway
    expect(componentScore('deliveryTime', 3, 30, 3)).toBe(100);
    expect(componentScore('deliveryTime', 1, 30, 3)).toBe(100);
    expect(componentScore('deliveryTime', 16.5, 30, 3)).toBeCloseTo(50, 12);
    expect(componentScore('deliveryTime', 45, 30, 3)).toBe(0);
    expect(() => componentScore('trust', 0.5, 0.5, 0.5)).toThrow(RangeError);
  });

  it('all components: weighted mean, comparable, with a conservative interval', () => {
    const r = socialKpiIndex(
      {
        satisfaction: 0.625, // 50
        trust: 0.55, // 50
        deliveryTime: 16.5, // 50
        affordability: 0.9, // 80
        coverage: 0.6, // 50
      },
      DEFAULT_KPI_CONFIG,
      {
        satisfaction: [0.56, 0.69], // scores 40 and 60: ±10
        trust: [0.48, 0.62], // 40 and 60: ±10
        deliveryTime: [19.2, 13.8], // 40 and 60 (inverted): ±10
        affordability: [0.85, 0.95], // 70 and 90: ±10
        coverage: null, // administrative counts: no interval
      },
    );
    // 0.35·50 + 0.15·50 + 0.2·50 + 0.15·80 + 0.15·50 = 17.5 + 7.5 + 10 + 12 + 7.5 = 54.5
    expect(r.index).toBeCloseTo(54.5, 12);
    expect(r.comparable).toBe(true);
    expect(r.missing).toEqual([]);
    // half-width = Σ w·10 over the four components with an interval = 10·0.85 = 8.5
    expect(r.ci95![0]).toBeCloseTo(46, 10);
    expect(r.ci95![1]).toBeCloseTo(63, 10);
  });

  it('a row missing a component is not comparable and says what it used', () => {
    const r = socialKpiIndex({ satisfaction: 0.625, deliveryTime: 16.5, coverage: null });
    // (0.35·50 + 0.2·50) / 0.55 = 50
    expect(r.index).toBeCloseTo(50, 12);
    expect(r.comparable).toBe(false);
    expect(r.components).toEqual(['satisfaction', 'deliveryTime']);
    expect(r.missing).toEqual(['trust', 'affordability', 'coverage']);
    expect(r.weights.satisfaction! + r.weights.deliveryTime!).toBeCloseTo(1, 15);
  });

  it('null when no component is available', () => {
    expect(socialKpiIndex({})).toMatchObject({ index: null, ci95: null, comparable: false });
  });

  it('configurable weights, floors and targets; weight 0 leaves a component out', () => {
    const config: KpiConfig = {
      weights: { satisfaction: 1, trust: 1, deliveryTime: 0, affordability: 0, coverage: 0 },
      floors: { satisfaction: 0, trust: 0, deliveryTime: 20, affordability: 0, coverage: 0 },
      targets: { satisfaction: 0.8, trust: 0.5, deliveryTime: 10, affordability: 1, coverage: 1 },
    };
    const r = socialKpiIndex({ satisfaction: 0.4, trust: 0.5, deliveryTime: 100 }, config);
    expect(r.index).toBeCloseTo(75, 12); // (50 + 100) / 2
    expect(r.components).toEqual(['satisfaction', 'trust']);
    expect(r.comparable).toBe(true);
  });
});
