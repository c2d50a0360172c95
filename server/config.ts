/**
 * Configuration, parsed once from the environment and frozen. A missing or bad value is named in
 * the error, so a misconfigured deployment fails at start rather than at the first request.
 */
import { z } from 'zod';
import { isAddressOrRange } from './http/client-address.js';
import { CHECK_BUDGET_MS } from '../common/limits.js';

const port = z.coerce.number().int().min(0).max(65535);

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(sqlite:.+|postgres(ql)?:\/\/.+)$/,
      'unknown scheme: must be sqlite:PATH or postgres://user:password@host:port/database',
    )
    .default('sqlite:./data/ovoz.db'),
  PUBLIC_URL: z.string().url().optional(),
  OVOZ_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  OVOZ_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  OVOZ_MIN_CELL: z.coerce.number().int().min(1).max(1000).default(5),
  /** Disclosure control: days after a month ends before its blocks are frozen and shown. */
  OVOZ_FREEZE_LAG_DAYS: z.coerce.number().int().min(0).max(60).default(3),
  /** The perturbation table: its version (raise it to re-protect every block), noise σ and bound. */
  OVOZ_PTABLE_VERSION: z.coerce.number().int().min(1).default(1),
  OVOZ_PTABLE_SD: z.coerce.number().min(0.5).max(10).default(1.5),
  OVOZ_PTABLE_MAX_NOISE: z.coerce.number().int().min(1).max(50).default(5),
  /** A protected figure whose n is under this shows no rate. */
  OVOZ_DISPLAY_MIN_N: z.coerce.number().int().min(1).max(1000).default(10),
  OVOZ_RATE_LIMIT: z.coerce.number().int().min(0).default(300),
  OVOZ_DEMO: z.enum(['0', '1']).default('0'),
  OVOZ_SURVEYS_DIR: z.string().min(1).default('./surveys'),
  OVOZ_WEB_DIR: z.string().min(1).default('./dist/web'),
  /** Uzbekistan has one time zone and no daylight saving time. */
  OVOZ_UTC_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(300),
  OVOZ_LOG: z.enum(['silent', 'info']).default('info'),
  /** A citizen form sent sooner than this after `startedAt` is refused (400 TooFast); 0: off. */
  OVOZ_MIN_COMPLETION_SECONDS: z.coerce.number().min(0).max(600).default(3),
  /** How long a write waits for another process's write lock before 503 (blocks the event loop). */
  OVOZ_BUSY_TIMEOUT_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  /** PostgreSQL: connections per instance (at least 2). */
  OVOZ_DB_POOL: z.coerce.number().int().min(2).max(500).default(10),
  /** How long one questionnaire check may take in the checking worker before 422 SurveyTooComplex. */
  OVOZ_CHECK_BUDGET_MS: z.coerce.number().int().min(10).max(600_000).default(CHECK_BUDGET_MS),
  /** Proxies whose X-Forwarded-For is believed, for rate limits only: addresses and CIDR ranges. */
  OVOZ_TRUST_PROXY: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every(isAddressOrRange),
      'must be addresses or CIDR ranges, comma-separated',
    )
    .default([]),
  /** Webhooks (docs/webhooks.md): endpoints on private, loopback or link-local addresses allowed. */
  OVOZ_WEBHOOK_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
  /** How often the dispatcher looks for events to send, and the first retry's delay. */
  OVOZ_WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(3_600_000).default(2000),
  OVOZ_WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  /** Tests only: SQLite's PRAGMA max_page_count, a "full disk" where no small file system can be mounted. */
  OVOZ_TEST_MAX_PAGES: z.coerce.number().int().positive().optional(),
});

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string;
  readonly publicUrl: string;
  readonly adminPassword: string | undefined;
  readonly secret: string | undefined;
  readonly minCell: number;
  /** Disclosure control (server/anonymity): freezing lag, perturbation table, display threshold. */
  readonly freezeLagDays: number;
  readonly ptable: { readonly version: number; readonly sd: number; readonly maxNoise: number };
  readonly displayMinN: number;
  readonly rateLimitPerMinute: number;
  readonly demo: boolean;
  readonly surveysDir: string;
  readonly webDir: string;
  readonly utcOffsetMinutes: number;
  readonly log: 'silent' | 'info';
  readonly minCompletionSeconds: number;
  readonly busyTimeoutMs: number;
  readonly testMaxPages: number | undefined;
  readonly poolSize: number;
  readonly trustProxy: readonly string[];
  readonly checkBudgetMs: number;
  readonly webhooks: {
    readonly allowPrivate: boolean;
    readonly pollMs: number;
    readonly retryBaseMs: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable counts as unset.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    adminPassword: e.OVOZ_ADMIN_PASSWORD,
    secret: e.OVOZ_SECRET,
    minCell: e.OVOZ_MIN_CELL,
    freezeLagDays: e.OVOZ_FREEZE_LAG_DAYS,
    ptable: Object.freeze({
      version: e.OVOZ_PTABLE_VERSION,
      sd: e.OVOZ_PTABLE_SD,
      maxNoise: Math.max(e.OVOZ_PTABLE_MAX_NOISE, e.OVOZ_MIN_CELL - 1),
    }),
    displayMinN: e.OVOZ_DISPLAY_MIN_N,
    rateLimitPerMinute: e.OVOZ_RATE_LIMIT,
    demo: e.OVOZ_DEMO === '1',
    surveysDir: e.OVOZ_SURVEYS_DIR,
    webDir: e.OVOZ_WEB_DIR,
    utcOffsetMinutes: e.OVOZ_UTC_OFFSET_MINUTES,
    log: e.OVOZ_LOG,
    minCompletionSeconds: e.OVOZ_MIN_COMPLETION_SECONDS,
    busyTimeoutMs: e.OVOZ_BUSY_TIMEOUT_MS,
    testMaxPages: e.OVOZ_TEST_MAX_PAGES,
    poolSize: e.OVOZ_DB_POOL,
    trustProxy: Object.freeze(e.OVOZ_TRUST_PROXY),
    checkBudgetMs: e.OVOZ_CHECK_BUDGET_MS,
    webhooks: Object.freeze({
      allowPrivate: e.OVOZ_WEBHOOK_ALLOW_PRIVATE === '1',
      pollMs: e.OVOZ_WEBHOOK_POLL_MS,
      retryBaseMs: e.OVOZ_WEBHOOK_RETRY_BASE_MS,
    }),
  });
}
