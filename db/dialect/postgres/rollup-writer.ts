/**
 * Adds a batch's counts to the rollups on PostgreSQL in one statement, whatever the batch's size
 * (two when it meets cells never seen before): each table's rows travel as one JSON parameter
 * (`json_to_recordset`) and data-modifying CTEs write them. A group commit's transaction is then
 * `begin`, a look-up of its ids, this statement (which also carries the insert of the responses,
 * see `lead`), `commit`: few round trips, so a busy server's event loop delays few replies.
 * - Cells not met before are upserted by their key first (`insert … on conflict … do update …
 *   returning id`), adding their responses; their ids are remembered so a cell's identity counter
 *   is not used up by every upsert.
 * - A live batch (a group commit) then only inserts one part per cell (`rollup_part`): the cell's
 *   responses (0 for a cell upserted just now), driver × satisfaction tables, answer counts,
 *   histograms and driver × driver counts. No rollup row is locked, so instances append side by
 *   side. A part is inserted only for a cell that exists: an id whose cell is gone (a rebuild
 *   elsewhere) is found missing, and the statement fails on purpose (a cast that names the count),
 *   so nothing of it is kept: the writer forgets its ids and throws StaleCellIds, and the caller
 *   runs the batch again. Once FOLD_AT parts of a cell were written here, or when ingest is idle
 *   (`fold`), a transaction of its own deletes the cell's parts (`returning` what they counted: a
 *   part another instance adds meanwhile stays a part) and adds them to the rows: the cells'
 *   counts (locked in id order), upserts that add, and the driver × driver rows locked in key
 *   order, added to in JavaScript and written back.
 * - A bulk batch (loading, rebuild) counts known cells by id (`update … from`, the same check of
 *   missing ids), upserts answer counts, histograms and driver tables (`on conflict do update`
 *   adds), and adds driver × driver counts to the rows in JavaScript (JointAdder keeps the busiest
 *   rows parsed): the statement creates the rows missing (empty), a second locks and reads them, a
 *   third writes the sums. Adding in SQL (unnest, group, string_agg) took most of the statement's
 *   time.
 * Rows are written in key order, so two instances writing at once lock rows in the same order.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { CELL_KEY, KEY_SEPARATOR } from '../../../common/reports/dimensions.js';
import type { CellDelta, RollupBatch } from '../../rollups/batch.js';
import {
  addAnswerPart,
  addDriverPart,
  encodeAnswerPart,
  type AnswerCounts,
  addJointDense,
  DRIVER_COLUMNS,
  eachJointInPart,
  encodeDriverPart,
  encodeJointDense,
  encodeJointPart,
  HISTOGRAM_COLUMNS,
  JointAdder,
  jointSize,
  PartCounter,
} from '../../rollups/layout.js';
import type { Database } from '../../schema.js';

/** A cell's unique key's columns, in the order its key joins them. */
const KEY = CELL_KEY;

/** Cell ids kept in memory at most; then forgotten and learnt again. */
const MAX_IDS = 200_000;

/** A remembered cell id no longer exists: run the transaction again. */
export class StaleCellIds extends Error {
  constructor(missing: number) {
    super(`${missing} rollup cells were rebuilt meanwhile`);
  }
}

const list = (names: readonly string[]) => sql.raw(names.map((n) => `"${n}"`).join(', '));
/** `coalesce(row.c[1], 0), …`: a row's count array spread over the columns. */
const elements = (row: string, columns: readonly string[]) =>
  sql.raw(columns.map((_, k) => `coalesce(${row}.c[${k + 1}], 0)`).join(', '));
const addExcluded = (table: string, names: readonly string[]) =>
  sql.raw(names.map((n) => `"${n}" = "${table}"."${n}" + excluded."${n}"`).join(', '));
const json = (rows: unknown[]) => sql`${JSON.stringify(rows)}::json`;

/** Adds whole driver tables (`c`: DRIVER_COLUMNS order) to their rows, in key order. */
const addToDrivers = (rows: Array<{ i: number; d: string; c: readonly number[] }>) => sql`
        insert into rollup_driver (cell_id, driver, ${list(DRIVER_COLUMNS)})
        select d.i, d.d, ${elements('d', DRIVER_COLUMNS)}
        from json_to_recordset(${json(rows)}) as d(i int, d text, c int[])
        order by d.i, d.d
        on conflict (cell_id, driver) do update set ${addExcluded('rollup_driver', DRIVER_COLUMNS)}`;

/** The driver × driver rows of these (cell, drivers) keys, locked in key order. */
async function lockJoint(db: Kysely<Database>, keys: ReadonlyArray<{ i: number; d: string }>) {
  const { rows } = await sql<{ cell_id: number; drivers: string; counts: string }>`
    select r.cell_id, r.drivers, r.counts
    from rollup_joint as r
    join json_to_recordset(${json(keys.map(({ i, d }) => ({ i, d })))}) as k(i int, d text)
      on r.cell_id = k.i and r.drivers = k.d
    order by r.cell_id, r.drivers
    for update of r`.execute(db);
  return rows;
}

/** Sets the counts text (`c`) of driver × driver rows. */
async function setJoint(db: Kysely<Database>, rows: Array<{ i: number; d: string; c: string }>) {
  await sql`
    update rollup_joint as r set counts = s.c
    from json_to_recordset(${json(rows)}) as s(i int, d text, c text)
    where r.cell_id = s.i and r.drivers = s.d`.execute(db);
}

/** Adds answer counts to their rows, in key order. */
const addToAnswers = (rows: Array<{ i: number; v: string; x: string; n: number }>) => sql`
        insert into rollup_answer (cell_id, variable, value, n)
        select a.i, a.v, a.x, a.n
        from json_to_recordset(${json(rows)}) as a(i int, v text, x text, n int)
        order by a.i, a.v, a.x
        on conflict (cell_id, variable, value) do update set n = rollup_answer.n + excluded.n`;

/** Adds histogram blocks (`c`: HISTOGRAM_COLUMNS order) to their rows, in key order. */
const addToHistograms = (
  rows: Array<{ i: number; v: string; b: number; c: readonly number[] }>,
) => sql`
        insert into rollup_histogram (cell_id, variable, base, ${list(HISTOGRAM_COLUMNS)})
        select h.i, h.v, h.b, ${elements('h', HISTOGRAM_COLUMNS)}
        from json_to_recordset(${json(rows)}) as h(i int, v text, b int, c int[])
        order by h.i, h.v, h.b
        on conflict (cell_id, variable, base)
          do update set ${addExcluded('rollup_histogram', HISTOGRAM_COLUMNS)}`;

/** A cell's answer counts and histogram blocks as the rows addToAnswers and addToHistograms add. */
const answerRows = (i: number, counts: AnswerCounts) => ({
  answers: [...counts.answers.values()].map((a) => ({ i, v: a.variable, x: a.value, n: a.n })),
  // Counts travel as one JSON array a row, spread over the columns in SQL (elements()).
  histograms: [...counts.histograms.values()].map((h) => ({
    i,
    v: h.variable,
    b: h.base,
    c: h.counts,
  })),
});

export interface PgRollupWriter {
  /**
   * Writes the batch. `lead` is a data-modifying CTE (`name as (insert …)`) to run in the same
   * statement, e.g. the insert of the batch's responses. One statement when every cell of the
   * batch is known (see `knows`), so it may run outside a transaction; two otherwise.
   */
  (
    db: Kysely<Database>,
    batch: RollupBatch,
    lead?: RawBuilder<unknown>,
    /** A group commit's batch: driver × driver counts as parts. */
    live?: boolean,
  ): Promise<void>;
  /** Whether every cell of the batch has a remembered id. */
  knows(batch: RollupBatch): boolean;
  /**
   * Folds the parts of the cells that reached FOLD_AT here, or (`max`) of up to `max` cells that
   * have any, in a transaction of its own; how many cells it folded.
   */
  fold(db: Kysely<Database>, max?: number): Promise<number>;
}

/**
 * Cells due to be folded that make a fold worth its transaction, while batches are large: a
 * batch that wrote parts of fewer cells than this (light load) has its due cells folded at once.
 */
const FOLD_TOGETHER = 64;

/** The text of the error the statement raises when a remembered cell id is gone. */
const STALE = 'stale rollup cells: ';

export function pgRollupWriter(): PgRollupWriter {
  const ids = new Map<string, number>();
  const adder = new JointAdder();
  /** How many cells' parts the last live batch wrote. */
  let lastParts = 0;
  const partCounter = new PartCounter();
  /** Cells with FOLD_AT parts (`rollup_part`) or more written here. */
  const dueParts = new Set<number>();

  /** Upserts the cells not met before by their key; remembers and returns their ids. */
  const upsertFresh = async (db: Kysely<Database>, fresh: CellDelta[]): Promise<void> => {
    const rows = fresh
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .map((c) => ({ n: c.n, ...Object.fromEntries(KEY.map((k) => [k, c[k]])) }));
    const { rows: written } = await sql<Record<(typeof KEY)[number], string> & { id: number }>`
      insert into rollup_cell (${list(KEY)}, n)
      select ${list(KEY)}, n from json_to_recordset(${json(rows)})
        as f(n int, ${sql.raw(KEY.map((k) => `"${k}" ${k === 'survey_id' ? 'int' : 'text'}`).join(', '))})
      on conflict (${list(KEY)}) do update set n = rollup_cell.n + excluded.n
      returning id, ${list(KEY)}`.execute(db);
    if (ids.size + written.length > MAX_IDS) ids.clear();
    for (const r of written)
      ids.set(KEY.map((k) => String(r[k])).join(KEY_SEPARATOR), Number(r.id));
  };

  const write = async (
    db: Kysely<Database>,
    batch: RollupBatch,
    lead?: RawBuilder<unknown>,
    live = false,
  ): Promise<void> => {
    const cells = [...batch.cells.values()];
    if (!live && !db.isTransaction && cells.some((c) => c.joint.size > 0)) {
      return db.transaction().execute((tx) => write(tx, batch, lead));
    }
    if (!cells.length) {
      if (lead) await sql`with ${lead} select 1`.execute(db);
      return;
    }
    const known = cells
      .filter((c) => ids.has(c.key))
      .sort((a, b) => ids.get(a.key)! - ids.get(b.key)!);
    const fresh = cells.filter((c) => !ids.has(c.key));
    if (fresh.length) await upsertFresh(db, fresh);
    const id = (c: CellDelta) => {
      const v = ids.get(c.key);
      if (v === undefined) throw new Error(`rollup cell ${c.key} was not written`);
      return v;
    };

    // A live batch: each cell's responses, driver × satisfaction tables, answer counts and
    // histograms as one part (a cell upserted just now has its responses already); any other
    // adds to the rows.
    const rows = live ? [] : cells.map((c) => answerRows(id(c), c));
    const answers = rows.flatMap((r) => r.answers);
    const histograms = rows.flatMap((r) => r.histograms);
    const drivers = live
      ? []
      : cells.flatMap((c) =>
          [...c.drivers].map(([driver, table]) => ({ i: id(c), d: driver, c: table })),
        );
    const upserted = new Set(fresh);
    const parts = !live
      ? []
      : cells.map((c) => {
          const { drivers: d, counts } = encodeDriverPart(c.drivers);
          return {
            i: id(c),
            n: upserted.has(c) ? 0 : c.n,
            d,
            c: counts,
            a: encodeAnswerPart(c),
            j: encodeJointPart(c.joint),
          };
        });

    const joint = live
      ? []
      : cells
          .flatMap((c) => [...c.joint].map(([drivers, delta]) => ({ i: id(c), d: drivers, delta })))
          .sort((a, b) => a.i - b.i || (a.d < b.d ? -1 : a.d > b.d ? 1 : 0));

    // One statement: the lead (the responses), and every row under the batch's cells, by id.
    // A live batch only inserts parts, and locks no row: a part is written only for a cell that
    // exists (`parts` tells whether every remembered id still does). Any other batch locks the
    // known cells in id order first (`locked`) and writes every other row in key order, so two
    // instances' statements never wait for each other in a circle; `updated` tells whether every
    // remembered id still exists.
    const counted = live
      ? sql`
      parts as (
        insert into rollup_part (cell_id, n, drivers, counts, answers, joint)
        select p.i, p.n, p.d, p.c, p.a, p.j
        from json_to_recordset(${json(parts)}) as p(i int, n int, d text, c text, a text, j text)
        join rollup_cell as c on c.id = p.i
        returning cell_id)`
      : sql`
      locked as (
        select id from rollup_cell where id = any(${known.map(id)}::int[]) order by id for update),
      updated as (
        update rollup_cell as c set n = c.n + k.n
        from json_to_recordset(${json(known.map((c) => ({ i: id(c), n: c.n })))}) as k(i int, n int),
          locked as l
        where c.id = k.i and l.id = k.i
        returning c.id),
      answers as (${addToAnswers(answers)}),
      histograms as (${addToHistograms(histograms)}),
      drivers as (${addToDrivers(drivers)}),
      joint as (
        insert into rollup_joint (cell_id, drivers, counts)
        select j.i, j.d, ''
        from json_to_recordset(${json(joint.map(({ i, d }) => ({ i, d })))}) as j(i int, d text)
        order by j.i, j.d
        on conflict (cell_id, drivers) do nothing)`;
    const expected = live ? parts.length : known.length;
    const statement = sql`
      with ${lead ? sql`${lead},` : sql``}
      ${counted}
      select case when count(*) = ${expected} then 0
        else (${STALE} || (${expected} - count(*)))::int end as stale
      from ${sql.raw(live ? 'parts' : 'updated')}`;
    try {
      await statement.execute(db);
      if (live) {
        lastParts = parts.length;
        for (const { i } of parts) if (partCounter.added(i)) dueParts.add(i);
      } else if (joint.length) await addJoint(db, joint);
    } catch (e) {
      adder.clear();
      // A failed cast of the text names the cells missing: the statement (and with it the
      // whole batch) is undone; forget every id and let the caller run it again.
      const message = e instanceof Error ? e.message : '';
      if (!message.includes(STALE)) throw e;
      ids.clear();
      throw new StaleCellIds(Number(/stale rollup cells: (\d+)/.exec(message)?.[1] ?? 0));
    }
  };
  /** Adds the batch's driver × driver counts to their rows (which exist now), locked in key order. */
  const addJoint = async (
    db: Kysely<Database>,
    joint: Array<{ i: number; d: string; delta: ReadonlyMap<number, number> }>,
  ) => {
    const rows = await lockJoint(db, joint);
    const now = new Map(rows.map((r) => [`${r.cell_id}\u0001${r.drivers}`, r.counts]));
    await setJoint(
      db,
      joint.map(({ i, d, delta }) => ({
        i,
        d,
        c: adder.add(i, d, now.get(`${i}\u0001${d}`) ?? '', delta),
      })),
    );
  };

  /**
   * Adds the parts' driver × driver counts (`sum`, per cell and driver list) to their rows, locked
   * in key order, in `tx`. Rows only for cells that exist (a rebuild elsewhere may have replaced a
   * remembered one).
   */
  const foldJoint = async (
    tx: Kysely<Database>,
    sums: Array<{ i: number; d: string; sum: Float64Array }>,
  ) => {
    if (!sums.length) return;
    sums.sort((a, b) => a.i - b.i || (a.d < b.d ? -1 : a.d > b.d ? 1 : 0));
    await sql`
      insert into rollup_joint (cell_id, drivers, counts)
      select k.i, k.d, '' from json_to_recordset(${json(sums.map(({ i, d }) => ({ i, d })))})
        as k(i int, d text)
      join rollup_cell as c on c.id = k.i
      order by k.i, k.d
      on conflict (cell_id, drivers) do nothing`.execute(tx);
    const byKey = new Map(sums.map((s) => [`${s.i}\u0001${s.d}`, s]));
    await setJoint(
      tx,
      (await lockJoint(tx, sums)).map((r) => {
        const s = byKey.get(`${r.cell_id}\u0001${r.drivers}`)!;
        return { i: s.i, d: s.d, c: encodeJointDense(addJointDense(s.sum, r.counts)) };
      }),
    );
    adder.clear();
  };

  /** Each cell's parts added to its rows (upserts that add), and gone; in `tx`. */
  const foldCellParts = async (tx: Kysely<Database>, cellIds: number[]) => {
    const { rows: parts } = await sql<{
      cell_id: number;
      n: number;
      drivers: string;
      counts: string;
      answers: string;
      joint: string;
    }>`
      delete from rollup_part
      where cell_id = any(${cellIds}::int[])
      returning cell_id, n, drivers, counts, answers, joint`.execute(tx);
    const joints = new Map<string, { i: number; d: string; sum: Float64Array }>();
    const sums = new Map<
      number,
      { n: number; tables: Map<string, number[]>; counts: AnswerCounts }
    >();
    for (const p of parts) {
      const id = Number(p.cell_id);
      let sum = sums.get(id);
      if (!sum) {
        sum = { n: 0, tables: new Map(), counts: { answers: new Map(), histograms: new Map() } };
        sums.set(id, sum);
      }
      sum.n += Number(p.n);
      addDriverPart(sum.tables, p.drivers, p.counts);
      addAnswerPart(sum.counts, p.answers);
      eachJointInPart(p.joint, (d, text) => {
        let joint = joints.get(`${id}\u0001${d}`);
        if (!joint) {
          joint = { i: id, d, sum: new Float64Array(jointSize(d)) };
          joints.set(`${id}\u0001${d}`, joint);
        }
        addJointDense(joint.sum, text);
      });
    }
    const cells = [...sums].sort((a, b) => a[0] - b[0]);
    const rows = cells.flatMap(([i, { tables }]) =>
      [...tables]
        .map(([d, c]) => ({ i, d, c }))
        .sort((a, b) => (a.d < b.d ? -1 : a.d > b.d ? 1 : 0)),
    );
    const counted = cells.map(([i, { counts }]) => answerRows(i, counts));
    const answers = counted.flatMap((r) => r.answers);
    const histograms = counted.flatMap((r) => r.histograms);
    const responses = cells.filter(([, sum]) => sum.n > 0).map(([i, sum]) => ({ i, n: sum.n }));
    if (responses.length || rows.length || answers.length || histograms.length) {
      await sql`
        with locked as (
          select id from rollup_cell where id = any(${responses.map((r) => r.i)}::int[])
          order by id for update),
        cells as (
          update rollup_cell as c set n = c.n + k.n
          from json_to_recordset(${json(responses)}) as k(i int, n int), locked as l
          where c.id = k.i and l.id = k.i),
          drivers as (${addToDrivers(rows)}),
          answers as (${addToAnswers(answers)}),
          histograms as (${addToHistograms(histograms)})
        select 1`.execute(tx);
    }
    await foldJoint(tx, [...joints.values()]);
    for (const i of cellIds) partCounter.folded(i);
  };

  const fold = async (db: Kysely<Database>, max?: number): Promise<number> => {
    let cellIds: number[];
    if (max === undefined) {
      const waiting = dueParts.size;
      if (waiting === 0 || (waiting < FOLD_TOGETHER && lastParts >= FOLD_TOGETHER)) return 0;
      cellIds = [...dueParts].sort((a, b) => a - b);
      dueParts.clear();
    } else {
      const { rows: cells } = await sql<{ i: number }>`
        select distinct cell_id as i from rollup_part order by 1 limit ${max}`.execute(db);
      cellIds = cells.map((r) => Number(r.i));
    }
    if (!cellIds.length) return 0;
    await db.transaction().execute((tx) => foldCellParts(tx, cellIds));
    return cellIds.length;
  };

  return Object.assign(write, {
    knows: (batch: RollupBatch) => [...batch.cells.keys()].every((key) => ids.has(key)),
    fold,
  });
}
