import { describe, it, expect } from 'vitest';
import {
  componentScore,
  DEFAULT_KPI_CONFIG,
  socialKpiIndex,
  type KpiConfig,
} from '../../../server/domain/kpi-index.js';

describe('socialKpiIndex', () => {
  it('default weights from METRICS.md and published targets', () => {
    expect(DEFAULT_KPI_CONFIG.weights).toEqual({
      satisfaction: 0.35,
      trust: 0.15,
      deliveryTime: 0.2,
      affordability: 0.15,
      coverage: 0.15,
    });
    expect(DEFAULT_KPI_CONFIG.targets).toEqual({
      satisfaction: 0.85,
      trust: 0.75,
      deliveryTime: 15,
      affordability: 0.9,
      coverage: 0.9,
    });
  });

  it('component scores', () => {
    expect(componentScore('satisfaction', 0.85, 0.85)).toBe(100);
    expect(componentScore('satisfaction', 0.425, 0.85)).toBeCloseTo(50, 12);
    expect(componentScore('satisfaction', 0.95, 0.85)).toBe(100); // capped
    expect(componentScore('deliveryTime', 15, 15)).toBe(100);
    expect(componentScore('deliveryTime', 3, 15)).toBe(100);
    expect(componentScore('deliveryTime', 30, 15)).toBeCloseTo(50, 12);
    expect(componentScore('deliveryTime', 20, 15)).toBeCloseTo(75, 12);
    expect(componentScore('coverage', 1.2, 0.9)).toBe(100);
  });

  it('all components: weighted mean', () => {
    const r = socialKpiIndex({
      satisfaction: 0.68, // 80
      trust: 0.6, // 80
      deliveryTime: 30, // 50
      affordability: 0.9, // 100
      coverage: 0.45, // 50
    });
    // 0.35·80 + 0.15·80 + 0.2·50 + 0.15·100 + 0.15·50 = 28 + 12 + 10 + 15 + 7.5 = 72.5
    expect(r.index).toBeCloseTo(72.5, 12);
    expect(r.components).toEqual([
      'satisfaction',
      'trust',
      'deliveryTime',
      'affordability',
      'coverage',
    ]);
    expect(r.scores.deliveryTime).toBeCloseTo(50, 12);
    expect(r.weights.satisfaction).toBeCloseTo(0.35, 12);
  });

  it('missing or suppressed components are left out and weights renormalised', () => {
    const r = socialKpiIndex({ satisfaction: 0.68, deliveryTime: 30, coverage: null });
    // (0.35·80 + 0.2·50) / 0.55 = 38 / 0.55
    expect(r.index).toBeCloseTo(38 / 0.55, 12);
    expect(r.components).toEqual(['satisfaction', 'deliveryTime']);
    expect(r.weights.satisfaction! + r.weights.deliveryTime!).toBeCloseTo(1, 15);
    expect(r.weights.coverage).toBeUndefined();
  });

  it('null when no component is available', () => {
    expect(socialKpiIndex({})).toEqual({ index: null, components: [], scores: {}, weights: {} });
    expect(socialKpiIndex({ satisfaction: null, trust: undefined }).index).toBeNull();
  });

  it('configurable weights and targets; weight 0 leaves a component out', () => {
    const config: KpiConfig = {
      weights: { satisfaction: 1, trust: 1, deliveryTime: 0, affordability: 0, coverage: 0 },
      targets: { satisfaction: 0.8, trust: 0.5, deliveryTime: 10, affordability: 1, coverage: 1 },
    };
    const r = socialKpiIndex({ satisfaction: 0.4, trust: 0.5, deliveryTime: 100 }, config);
    expect(r.index).toBeCloseTo(75, 12); // (50 + 100) / 2
    expect(r.components).toEqual(['satisfaction', 'trust']);
  });
});
