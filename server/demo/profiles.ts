/**
 * Each provider's demo profile: its share of the responses, its satisfaction target, and how its
 * respondents' drivers, payments and segments differ from the healthy distribution — the planted
 * bottlenecks of planted.ts, nothing else. Pure.
 */
import type { Sector } from '../../db/schema.js';
import {
  ACCESSIBILITY,
  HEALTHY,
  INFORMAL_PAYMENTS,
  STATE_GAP,
  TIMELINESS_REGION,
  type Driver,
} from './planted.js';

export interface ProviderInfo {
  code: string;
  district: string;
  region: string;
  sector: Sector;
}

export interface Profile extends ProviderInfo {
  volume: number;
  /** Target top-2-box share of satisfaction. */
  satisfied: number;
  /** Shift of every respondent's general experience (latent scale). */
  quality: number;
  /** Driver level for everyone, and the extra shift for those who paid informally / have a disability. */
  level: Record<Driver, number>;
  informalShift: Partial<Record<Driver, number>>;
  disabilityShift: Partial<Record<Driver, number>>;
  weight: Record<Driver, number>;
  informal: number;
  disability: number;
  medianDays: number;
}

export function satisfactionShape(satisfied: number): number[] {
  const [a, b, c, d, e] = HEALTHY.shape;
  const low = a + b + c;
  const high = d + e;
  return [a, b, c]
    .map((x) => (x / low) * (1 - satisfied))
    .concat([d, e].map((x) => (x / high) * satisfied));
}

export function profileOf(p: ProviderInfo): Profile {
  const profile: Profile = {
    ...p,
    volume: HEALTHY.volume[p.sector],
    satisfied: HEALTHY.satisfied,
    quality: 0,
    level: { ...HEALTHY.driverLevel },
    informalShift: {},
    disabilityShift: {},
    weight: { ...HEALTHY.driverWeight },
    informal: HEALTHY.informal,
    disability: HEALTHY.disability,
    medianDays: HEALTHY.medianDays,
  };
  if (p.region === TIMELINESS_REGION.region) {
    profile.satisfied = TIMELINESS_REGION.satisfied;
    profile.level.timeliness += TIMELINESS_REGION.shift;
    profile.weight.timeliness = TIMELINESS_REGION.weight;
    profile.medianDays = TIMELINESS_REGION.medianDays;
  }
  if (p.code === INFORMAL_PAYMENTS.provider) {
    profile.satisfied = INFORMAL_PAYMENTS.satisfied;
    profile.informal = INFORMAL_PAYMENTS.informal;
    profile.informalShift.fairness = INFORMAL_PAYMENTS.shift;
    profile.weight.fairness = INFORMAL_PAYMENTS.weight;
  }
  if (p.code === ACCESSIBILITY.provider) {
    profile.satisfied = ACCESSIBILITY.satisfied;
    profile.disability = ACCESSIBILITY.disability;
    profile.disabilityShift.accessibility = ACCESSIBILITY.shift;
    profile.weight.accessibility = ACCESSIBILITY.weight;
  }
  if (p.region === STATE_GAP.region) {
    const state = p.sector === 'state';
    profile.satisfied = state ? STATE_GAP.stateSatisfied : STATE_GAP.nonStateSatisfied;
    profile.quality = state ? 0.25 : -0.15;
  }
  return profile;
}
