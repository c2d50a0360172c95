/**
 * Freezing: the protected blocks of every closed month (shared/METRICS.md, "Disclosure control").
 *
 * When a month has closed (plus `OVOZ_FREEZE_LAG_DAYS`), the responses not yet counted by any
 * block whose day is in it or earlier (late ones go to the first month still open at the time)
 * get a secret random record key, are summed into the blocks of both grids (grids.ts), and each
 * count of each block is perturbed once with its cell key and the perturbation table
 * (server/domain/ptable.ts). The blocks, the keys (with the month that counted each response) and
 * the month's mark are written in one transaction; nothing written is changed again by later
 * responses. A new table version (`OVOZ_PTABLE_VERSION`) re-protects every frozen month from the
 * same members and keys, and is recorded in the audit log.
 *
 * Portable Kysely only: the same on SQLite and PostgreSQL. Two processes freezing the same month
 * collide on the month's key; the loser's transaction rolls back and it reads the winner's blocks.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Config } from '../config.js';
import { createPtable, perturb, type Ptable, type PtableParams } from '../domain/ptable.js';
import { extractFacts, valueOf, type RoleVariable } from '../ingest/facts.js';
import { audit } from '../repos/audit.js';
import { familyKey, seedWords } from './record-key.js';
import { versionRoles } from '../reports/comment-rows.js';
import { driverIndex, DRIVER_COLUMNS } from '../../db/rollups/layout.js';
import {
  lastClosedMonth,
  lastDayOf,
  monthOf,
  monthsBetween,
  nextMonth,
  RATED_ROLES,
  type BlockCounts,
  type Grid,
} from './grids.js';

export interface FreezeDeps {
  db: Kysely<Database>;
  config: Pick<Config, 'minCell' | 'freezeLagDays' | 'ptable' | 'utcOffsetMinutes'>;
  now?: () => number;
}

export interface FreezeResult {
  version: number;
  /** Months frozen by this call, per survey id. */
  frozen: Array<{ surveyId: number; month: string; responses: number; blocks: number }>;
}

/** Members read and summed at a time (about 0.1 s of work between turns of the event loop). */
const PAGE = 1000;
const INSERT_ROWS = 1000;

/** The table parameters the configuration asks for. */
export function ptableParams(config: FreezeDeps['config']): PtableParams {
  return {
    version: config.ptable.version,
    k: config.minCell,
    sd: config.ptable.sd,
    maxNoise: config.ptable.maxNoise,
  };
}

/**
 * The configured perturbation table: generated and stored (with an audit entry) the first time
 * its version is used. A stored version with other parameters is refused: a version names one
 * table for ever.
 */
export async function ensurePtable(deps: FreezeDeps): Promise<Ptable> {
  const params = ptableParams(deps.config);
  const table = createPtable(params);
  const stored = await deps.db
    .selectFrom('ptable_version')
    .select(['params'])
    .where('version', '=', params.version)
    .executeTakeFirst();
  if (stored) {
    if (stored.params !== JSON.stringify(params)) {
      throw new Error(
        `perturbation table version ${params.version} was stored with other parameters ` +
          `(${stored.params}); raise OVOZ_PTABLE_VERSION to use new ones`,
      );
    }
    return table;
  }
  const previous = await deps.db
    .selectFrom('ptable_version')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('ptable_version')
        .values({
          version: params.version,
          params: JSON.stringify(params),
          rows: JSON.stringify(table.rows),
          created_at: new Date(deps.now?.() ?? Date.now()).toISOString(),
        })
        .execute();
      await audit(trx, { username: 'system' }, 'ptable.version', String(params.version), {
        params,
        previous: previous?.v ?? null,
        refreeze: previous?.v != null,
      });
    });
  } catch (error) {
    // Another process stored it first.
    const again = await deps.db
      .selectFrom('ptable_version')
      .select('params')
      .where('version', '=', params.version)
      .executeTakeFirst();
    if (!again) throw error;
  }
  return table;
}

interface ExactCount {
  n: number;
  key: number;
}

interface ExactBlock {
  grid: Grid;
  region: string;
  district: string;
  provider: string;
  sector: string;
  channel: string;
  counts: Map<CountName, ExactCount>;
}

/**
 * A count of a block (`n`, `c`, `a␁variable␁value`, `x␁variable`, `y␁variable`,
 * `p␁driver␁cell`) and the index of its family, made once per name: a response adds to some
 * forty counts in each of two blocks, so nothing is built per response.
 */
interface CountName {
  name: string;
  family: number;
}

class CountNames {
  readonly families: string[] = [];
  private readonly familyIndex = new Map<string, number>();
  private readonly byKind = new Map<string, Map<string, Map<string, CountName>>>();

  private familyOf(family: string): number {
    let i = this.familyIndex.get(family);
    if (i === undefined) {
      this.familyIndex.set(family, (i = this.families.length));
      this.families.push(family);
    }
    return i;
  }

  /** The name of kind `n`/`c` (variable and rest ''), or of a variable's count. */
  of(kind: string, variable: string, rest: string): CountName {
    let vars = this.byKind.get(kind);
    if (!vars) this.byKind.set(kind, (vars = new Map()));
    let rests = vars.get(variable);
    if (!rests) vars.set(variable, (rests = new Map()));
    let name = rests.get(rest);
    if (!name) {
      const full =
        variable === ''
          ? kind
          : rest === ''
            ? `${kind}\u0001${variable}`
            : `${kind}\u0001${variable}\u0001${rest}`;
      const family = variable === '' ? kind : `${kind}:${variable}`;
      rests.set(rest, (name = { name: full, family: this.familyOf(family) }));
    }
    return name;
  }
}

interface MemberRow {
  id: string;
  version_id: number;
  region: string | null;
  district: string | null;
  provider: string | null;
  sector: string | null;
  channel: string | null;
  answers: string;
  service_days: number | null;
  seed: string;
}

/** Per survey version: its role variables and its comment variables. */
type Roles = Map<
  number,
  { roles: RoleVariable[]; comments: RoleVariable[]; rated: ReadonlySet<string> }
>;

async function rolesOf(db: Kysely<Database>, surveyId: number): Promise<Roles> {
  const versions = await versionRoles(db, surveyId);
  return new Map(
    [...versions].map(([id, roles]) => [
      id,
      {
        roles,
        comments: roles.filter((r) => r.role === 'comment'),
        rated: new Set(roles.filter((r) => RATED_ROLES.includes(r.role)).map((r) => r.variable)),
      },
    ]),
  );
}

/** Sums members into the exact blocks of both grids, with the cell key of every count. */
export class BlockSums {
  readonly blocks = new Map<string, ExactBlock>();
  responses = 0;
  private readonly names = new CountNames();
  /** This response's key of each family, valid where `keyOf` holds the response's number. */
  private readonly keys: number[] = [];
  private readonly keyOf: number[] = [];

  constructor(private readonly roles: Roles) {}

  add(r: MemberRow): void {
    this.responses += 1;
    const role = this.roles.get(r.version_id) ?? { roles: [], comments: [], rated: new Set() };
    const data = JSON.parse(r.answers) as Record<string, unknown>;
    const facts = extractFacts(role.roles, data, r.service_days);
    const comment = role.comments.some((v) => {
      const text = valueOf(data, v);
      return typeof text === 'string' && text.trim() !== '';
    });
    const seed = seedWords(r.seed);
    const names = this.names;
    const counted: CountName[] = [names.of('n', '', '')];
    if (comment) counted.push(names.of('c', '', ''));
    const rate = (variable: string, top: boolean) => {
      counted.push(names.of(top ? 'x' : 'y', variable, ''));
    };
    for (const [variable, value] of facts.answers) {
      counted.push(names.of('a', variable, value));
      if (role.rated.has(variable) && /^[1-5]$/.test(value)) rate(variable, value >= '4');
    }
    for (const [driver, v, o] of facts.pairs) {
      counted.push(names.of('p', driver, String(driverIndex(v, o))));
      rate(driver, v >= 4);
    }
    const keys = counted.map((c) => {
      if (this.keyOf[c.family] !== this.responses) {
        this.keyOf[c.family] = this.responses;
        this.keys[c.family] = familyKey(seed, names.families[c.family]!);
      }
      return this.keys[c.family]!;
    });
    const s = (x: string | null) => x ?? '';
    const cells: Array<Omit<ExactBlock, 'counts'>> = [
      {
        grid: 'dp',
        region: s(r.region),
        district: s(r.district),
        provider: s(r.provider),
        sector: s(r.sector),
        channel: '',
      },
      {
        grid: 'rc',
        region: s(r.region),
        district: '',
        provider: '',
        sector: '',
        channel: s(r.channel),
      },
    ];
    for (const cell of cells) {
      const id = [
        cell.grid,
        cell.region,
        cell.district,
        cell.provider,
        cell.sector,
        cell.channel,
      ].join('\u0001');
      let block = this.blocks.get(id);
      if (!block) this.blocks.set(id, (block = { ...cell, counts: new Map() }));
      for (let i = 0; i < counted.length; i++) {
        const name = counted[i]!;
        const key = keys[i]!;
        const c = block.counts.get(name);
        if (c) {
          c.n += 1;
          c.key = (c.key + key) % 1;
        } else block.counts.set(name, { n: 1, key });
      }
    }
  }
}

/** The perturbed counts of an exact block. */
export function protectBlock(
  table: Ptable,
  counts: ReadonlyMap<CountName, ExactCount>,
): BlockCounts {
  const out: BlockCounts = { n: 0, c: 0, a: {}, p: {} };
  for (const [{ name }, exact] of counts) {
    const value = perturb(table, exact.n, exact.key);
    // A rated variable keeps its rate counts even at 0: its answers are then read as none.
    if (value === 0 && name[0] !== 'x' && name[0] !== 'y') continue;
    if (name === 'n') out.n = value;
    else if (name === 'c') out.c = value;
    else {
      const [kind, variable, rest] = name.split('\u0001') as [string, string, string];
      if (kind === 'a') (out.a[variable] ??= {})[rest] = value;
      else if (kind === 'x' || kind === 'y') {
        const pair = ((out.r ??= {})[variable] ??= [0, 0]);
        pair[kind === 'x' ? 0 : 1] = value;
      } else {
        const row = (out.p[variable] ??= new Array<number>(DRIVER_COLUMNS.length).fill(0));
        row[Number(rest)] = value;
      }
    }
  }
  return out;
}

const MEMBER_COLUMNS = [
  'r.id',
  'r.version_id',
  'r.region',
  'r.district',
  'r.provider',
  'r.sector',
  'r.channel',
  'r.answers',
  'r.service_days',
] as const;

/**
 * Freezes one month of one survey (new, or again with a new table version). Its members are read
 * and summed first, a page at a time with a turn of the event loop between pages, outside any
 * transaction, so citizens' submissions and reports go on meanwhile (at national scale a month is
 * close to a million responses). The keys, blocks and mark are then written in one short
 * transaction: a response read here that another process counted meanwhile makes it fail on the
 * response's key, and that process's blocks stand; a late response that arrives meanwhile is
 * counted by the next month frozen, as any late response is.
 */
async function freezeMonth(
  deps: FreezeDeps,
  table: Ptable,
  roles: Roles,
  surveyId: number,
  month: string,
  refreeze: boolean,
): Promise<{ responses: number; blocks: number }> {
  const version = table.params.version;
  const db = deps.db;
  const sums = new BlockSums(roles);
  const newKeys: Array<{
    response_id: string;
    survey_id: number;
    seed: string;
    block_month: string;
  }> = [];
  let cursor = '';
  for (;;) {
    let rows: MemberRow[];
    if (refreeze) {
      rows = await db
        .selectFrom('record_key as k')
        .innerJoin('response as r', 'r.id', 'k.response_id')
        .select(MEMBER_COLUMNS)
        .select('k.seed')
        .where('k.survey_id', '=', surveyId)
        .where('k.block_month', '=', month)
        .where('r.id', '>', cursor)
        .orderBy('r.id')
        .limit(PAGE)
        .execute();
    } else {
      const fresh = await db
        .selectFrom('response as r')
        .leftJoin('record_key as k', 'k.response_id', 'r.id')
        .select(MEMBER_COLUMNS)
        .where('r.survey_id', '=', surveyId)
        .where('r.day', '<=', lastDayOf(month))
        .where('k.response_id', 'is', null)
        .where('r.id', '>', cursor)
        .orderBy('r.id')
        .limit(PAGE)
        .execute();
      rows = fresh.map((r) => ({ ...r, seed: randomBytes(16).toString('hex') }));
      for (const r of rows) {
        newKeys.push({
          response_id: r.id,
          survey_id: surveyId,
          seed: r.seed,
          block_month: month,
        });
      }
    }
    if (rows.length === 0) break;
    for (const r of rows) sums.add(r);
    cursor = rows[rows.length - 1]!.id;
    await new Promise((resolve) => setImmediate(resolve));
  }
  const blocks = [...sums.blocks.values()].map((b) => {
    const counts = protectBlock(table, b.counts);
    return {
      survey_id: surveyId,
      version,
      grid: b.grid,
      month,
      region: b.region,
      district: b.district,
      provider: b.provider,
      sector: b.sector,
      channel: b.channel,
      n: counts.n,
      counts: JSON.stringify(counts),
    };
  });
  return deps.db.transaction().execute(async (trx) => {
    for (let i = 0; i < newKeys.length; i += INSERT_ROWS) {
      await trx
        .insertInto('record_key')
        .values(newKeys.slice(i, i + INSERT_ROWS))
        .execute();
    }
    for (let i = 0; i < blocks.length; i += INSERT_ROWS) {
      await trx
        .insertInto('frozen_block')
        .values(blocks.slice(i, i + INSERT_ROWS))
        .execute();
    }
    await trx
      .insertInto('frozen_month')
      .values({
        survey_id: surveyId,
        month,
        version,
        frozen_at: new Date(deps.now?.() ?? Date.now()).toISOString(),
      })
      .execute();
    return { responses: sums.responses, blocks: blocks.length };
  });
}

/** Freezes what is due for one survey; returns the months it froze. */
async function freezeSurvey(
  deps: FreezeDeps,
  tableOf: () => Promise<Ptable>,
  surveyId: number,
  lastClosed: string,
): Promise<FreezeResult['frozen']> {
  const version = deps.config.ptable.version;
  const marks = await deps.db
    .selectFrom('frozen_month')
    .select(['month', 'version'])
    .where('survey_id', '=', surveyId)
    .execute();
  const current = new Set(marks.filter((m) => m.version === version).map((m) => m.month));
  const ever = [...new Set(marks.map((m) => m.month))].sort();
  // Months frozen with an earlier table: protected again from the same members.
  const again = ever.filter((m) => !current.has(m));
  let fresh: string[] = [];
  if (ever.length) {
    fresh = monthsBetween(nextMonth(ever[ever.length - 1]!), lastClosed);
  } else {
    const first = await deps.db
      .selectFrom('response')
      .select((eb) => eb.fn.min('day').as('day'))
      .where('survey_id', '=', surveyId)
      .executeTakeFirst();
    if (first?.day) fresh = monthsBetween(monthOf(first.day), lastClosed);
  }
  if (again.length === 0 && fresh.length === 0) return [];
  // The table is stored (and audited) only when something is frozen with it.
  const table = await tableOf();
  const roles = await rolesOf(deps.db, surveyId);
  const done: FreezeResult['frozen'] = [];
  const run = async (month: string, refreeze: boolean) => {
    try {
      const r = await freezeMonth(deps, table, roles, surveyId, month, refreeze);
      done.push({ surveyId, month, ...r });
    } catch (error) {
      // Another process froze it first: its blocks stand.
      const mark = await deps.db
        .selectFrom('frozen_month')
        .select('month')
        .where('survey_id', '=', surveyId)
        .where('month', '=', month)
        .where('version', '=', version)
        .executeTakeFirst();
      if (!mark) throw error;
    }
  };
  for (const m of again) await run(m, true);
  for (const m of fresh) await run(m, false);
  return done;
}

/** Serialises freezing within one process. */
let chain: Promise<unknown> = Promise.resolve();
/** Per database and survey: the last closed month already frozen with the configured table. */
const frozenThrough = new WeakMap<Kysely<Database>, Map<number, string>>();

/**
 * Freezes every closed month not yet frozen with the configured table, for every survey. Cheap
 * when nothing is due (it remembers, per database and survey, the month it last brought up to
 * date — only once something is frozen, so responses loaded into the past later are still frozen
 * at the next report).
 */
export function freezeClosed(deps: FreezeDeps): Promise<FreezeResult> {
  const lastClosed = lastClosedMonth(
    deps.now?.() ?? Date.now(),
    deps.config.utcOffsetMinutes,
    deps.config.freezeLagDays,
  );
  const version = deps.config.ptable.version;
  const key = `${version}\u0001${lastClosed}`;
  const run = async (): Promise<FreezeResult> => {
    let known = frozenThrough.get(deps.db);
    if (!known) frozenThrough.set(deps.db, (known = new Map()));
    const surveys = await deps.db.selectFrom('survey').select('id').orderBy('id').execute();
    const due = surveys.filter((s) => known.get(s.id) !== key);
    if (due.length === 0) return { version, frozen: [] };
    let table: Promise<Ptable> | undefined;
    const tableOf = () => (table ??= ensurePtable(deps));
    const frozen: FreezeResult['frozen'] = [];
    for (const s of due) {
      frozen.push(...(await freezeSurvey(deps, tableOf, s.id, lastClosed)));
      const mark = await deps.db
        .selectFrom('frozen_month')
        .select('month')
        .where('survey_id', '=', s.id)
        .where('version', '=', version)
        .limit(1)
        .executeTakeFirst();
      if (mark) known.set(s.id, key);
    }
    return { version, frozen };
  };
  const next = chain.then(run, run);
  chain = next.catch(() => undefined);
  return next;
}
