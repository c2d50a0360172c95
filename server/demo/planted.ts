/**
 * The bottlenecks planted in the demo data (`npm run ovoz -- demo`), and the healthy distribution
 * everything else is drawn from. The bottleneck report on a demo dataset of the default size finds
 * exactly these (test/integration/demo.test.ts) and nothing else.
 *
 * Satisfaction is drawn per provider with exact quotas (its top-2-box share is the provider's
 * target, up to rounding), ranked by a latent score built from the respondent's driver scores, so
 * satisfaction follows the drivers as it does in real surveys while a healthy provider never
 * drifts below the overall rate by chance.
 */
import { STANDARD_DRIVERS } from '../../common/metrics/drivers.js';

/** The seven standard drivers of the social-services questionnaire (shared/METRICS.md). */
export const DRIVERS = STANDARD_DRIVERS;
export type Driver = (typeof DRIVERS)[number];

/** The healthy distribution. */
export const HEALTHY = {
  /** Top-2-box share of overall satisfaction (answers 4 or 5). */
  satisfied: 0.72,
  /** Shape of satisfaction 1..5: the lower three and the upper two are scaled to the target. */
  shape: [0.05, 0.08, 0.15, 0.4, 0.32] as const,
  /** Where each driver sits on the latent scale (higher: better rated). */
  driverLevel: {
    timeliness: 0.35,
    ease: 0.5,
    information: 0.3,
    courtesy: 0.8,
    fairness: 0.9,
    accessibility: 0.45,
    outcome: 0.55,
  } satisfies Record<Driver, number>,
  /** How much each driver weighs in overall satisfaction. */
  driverWeight: {
    timeliness: 0.2,
    ease: 0.15,
    information: 0.1,
    courtesy: 0.1,
    fairness: 0.08,
    accessibility: 0.07,
    outcome: 0.3,
  } satisfies Record<Driver, number>,
  /** Share of respondents who say they paid informally (alone or with an official fee). */
  informal: 0.05,
  /** Share of respondents with a disability (segment `disability`). */
  disability: 0.08,
  /** Median days from application to service. */
  medianDays: 9,
  /** Responses per provider, relative, by sector: state centres serve the most people. */
  volume: { state: 1.5, ngo: 0.8, private: 0.8, ppp: 0.6 },
} as const;

/** 1. Timeliness in a whole region: waiting is long everywhere there, and satisfaction is low. */
export const TIMELINESS_REGION = {
  region: 'UZ-QA',
  driver: 'timeliness',
  satisfied: 0.45,
  /** Shift of timeliness on the latent scale (about 17% agree it was timely, against 64%). */
  shift: -1.3,
  weight: 0.6,
  medianDays: 24,
} as const;

/** 2. Informal payments at one provider (a public-private elderly-care centre): fairness is low. */
export const INFORMAL_PAYMENTS = {
  provider: 'P-FA-02-3',
  driver: 'fairness',
  /** Share who paid informally there (alone or with an official fee). */
  informal: 0.4,
  satisfied: 0.52,
  /** Shift of fairness for those who paid informally. */
  shift: -2,
  weight: 0.5,
} as const;

/** 3. Accessibility for persons with disabilities at one state centre (no ramp, no sign language). */
export const ACCESSIBILITY = {
  provider: 'P-SI-02-1',
  driver: 'accessibility',
  segment: 'disability',
  /** Share of its respondents with a disability. */
  disability: 0.45,
  satisfied: 0.57,
  /** Shift of accessibility for respondents with a disability. */
  shift: -1.8,
  weight: 0.5,
} as const;

/**
 * 4. A state / non-state gap in one region: there the state centres do clearly better than the
 * NGO and private providers. Sized so that the region as a whole, and state against non-state
 * nationally, stay level with the rest.
 */
export const STATE_GAP = {
  region: 'UZ-SA',
  stateSatisfied: 0.78,
  nonStateSatisfied: 0.68,
} as const;

/** What the bottleneck report flags on the default demo dataset, and nothing else. */
export const EXPECTED = {
  /** Systemic bottlenecks by region, with their top `concentrate_here` driver. */
  regions: [{ region: TIMELINESS_REGION.region, concentrateHere: TIMELINESS_REGION.driver }],
  /**
   * Systemic bottlenecks by provider: every provider of the timeliness region (timeliness), the
   * informal-payments provider (fairness) and the accessibility provider (accessibility).
   */
  providers: [
    { provider: INFORMAL_PAYMENTS.provider, concentrateHere: INFORMAL_PAYMENTS.driver },
    { provider: ACCESSIBILITY.provider, concentrateHere: ACCESSIBILITY.driver },
  ],
  providersOfRegion: {
    region: TIMELINESS_REGION.region,
    concentrateHere: TIMELINESS_REGION.driver,
  },
  /**
   * The one region whose state vs non-state satisfaction gap is significant, besides the regions
   * of the informal-payments and accessibility providers, where the comparison carries that
   * provider's own planted effect.
   */
  stateGapRegion: STATE_GAP.region,
} as const;

export const DEFAULT_DEMO_RESPONSES = 20_000;
export const DEFAULT_DEMO_SEED = 2026;
