/**
 * The queries of one rollup read — responses per group, answer counts, whole-number histograms,
 * driver tables, and the cells' rows of driver × driver tables (added up by the reader) — written
 * with Kysely (so they follow the dialect) and compiled once per shape: which cuboid and bounds
 * each span has, which filters, how many regions in the scope, the grouping columns, how many
 * variables and drivers, and what of the driver tables is needed.
 * Values are bound by name at each read (db/named-statement.ts), so a report spends its time in
 * the database rather than in building SQL.
 */
import { expressionBuilder, sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import { named, param, type NamedStatement } from '../../db/named-statement.js';
import {
  DRIVER_COLUMNS,
  driverColumn,
  HISTOGRAM_COLUMNS,
  OUTCOMES,
  SCALE,
} from '../../db/rollups/layout.js';
import type { Database, RollupCellTable } from '../../db/schema.js';
import type { Dimension, FilterDim } from '../../common/reports/dimensions.js';

export type CellRef = `c.${Dimension | 'period'}`;

export interface ReadShape {
  /** One per span: its cuboid, and whether it has a lower and an upper bound. */
  spans: ReadonlyArray<{ cuboid: string; from: boolean; to: boolean }>;
  filters: readonly FilterDim[];
  /** The number of regions a limited scope allows; null = every region. */
  regions: number | null;
  refs: readonly CellRef[];
  /** How many answer variables are asked for; null = all; 0 = no answers. */
  variables: number | null;
  /** How many drivers are asked for; null = all. */
  drivers: number | null;
  pairs: 'none' | 'margins' | 'tables';
  /** Whether the driver × driver tables are read (`rollup_joint`). */
  joint: boolean;
  /** Whether any cell of the survey has parts not added to its rows yet (`rollup_part`): only then are they read. */
  parts: boolean;
  /** Whether any of the variables has plain answers (`rollup_answer`) at all. */
  plain: boolean;
  /** The histogram slots any of the variables has a count in; null = all. */
  slots: readonly number[] | null;
  /**
   * Each cell has at most one histogram row of the variables (one variable, one block) and no
   * plain answer: the histograms statement counts the responses too, in one pass over the cells.
   */
  single: boolean;
}

export interface ReadStatements {
  totals: NamedStatement | null;
  answers: NamedStatement | null;
  histograms: NamedStatement | null;
  drivers: NamedStatement | null;
  joint: NamedStatement | null;
  /**
   * The cells' parts not added to their rows yet (`rollup_part`): driver × satisfaction tables
   * and answer counts.
   */
  parts: NamedStatement | null;
}

const names = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => param(`${prefix}${i}`));

function cellFilter(shape: ReadShape): Expression<SqlBool> {
  const eb = expressionBuilder<{ c: RollupCellTable }, 'c'>();
  const spans = shape.spans.map((s, i) => {
    const conds: Expression<SqlBool>[] = [eb('c.cuboid', '=', s.cuboid)];
    if (s.from) conds.push(eb('c.period', '>=', param(`from${i}`)));
    if (s.to) conds.push(eb('c.period', '<=', param(`to${i}`)));
    return eb.and(conds);
  });
  const conds: Expression<SqlBool>[] = [
    eb('c.survey_id', '=', param<number>('survey')),
    spans.length === 1 ? spans[0]! : eb.or(spans),
  ];
  for (const d of shape.filters) conds.push(eb(`c.${d}`, '=', param(`filter_${d}`)));
  if (shape.regions !== null) {
    conds.push(
      shape.regions > 0
        ? eb('c.region', 'in', names('region', shape.regions))
        : sql<SqlBool>`1 = 0`,
    );
  }
  return eb.and(conds);
}

function build(db: Kysely<Database>, shape: ReadShape): ReadStatements {
  const refs = [...shape.refs];
  const cells = db.selectFrom('rollup_cell as c').where(cellFilter(shape));
  const variables = shape.variables === null ? null : names('variable', shape.variables);
  const drivers = shape.drivers === null ? null : names('driver', shape.drivers);
  const withAnswers = shape.variables !== 0;
  const withDrivers = shape.pairs !== 'none' && shape.drivers !== 0;
  const slots = (shape.slots ?? HISTOGRAM_COLUMNS.map((_, i) => i)).map(
    (i) => HISTOGRAM_COLUMNS[i]!,
  );
  if (shape.single && withAnswers && slots.length > 0) {
    // Every cell once (a cell without the variable's row too): its responses and its histogram.
    return {
      totals: null,
      answers: null,
      histograms: named(
        cells
          .leftJoin('rollup_histogram as h', (j) =>
            j.onRef('h.cell_id', '=', 'c.id').on('h.variable', 'in', variables ?? []),
          )
          .select([...refs, 'h.variable', 'h.base'])
          .select((eb) => [
            eb.fn.sum<number>('c.n').as('n'),
            ...slots.map((col) => eb.fn.sum<number>(`h.${col}`).as(col)),
          ])
          .groupBy([...refs, 'h.variable', 'h.base'])
          .compile(),
      ),
      drivers: null,
      joint: null,
      parts: null,
    };
  }
  /** Each cell's rows of a table of packed `drivers`, `counts` text. */
  const packed = (table: 'rollup_joint' | 'rollup_part') =>
    named(
      cells
        .innerJoin(
          sql<{
            cell_id: number;
            n: number;
            drivers: string;
            counts: string;
            answers: string;
            joint: string;
          }>`${sql.table(table)}`.as('j'),
          'j.cell_id',
          'c.id',
        )
        .select([...refs, 'j.drivers', 'j.counts'])
        .$if(table === 'rollup_part', (q) => q.select(['j.n', 'j.answers', 'j.joint']))
        .compile(),
    );
  return {
    totals: named(
      cells
        .select(refs)
        .select((eb) => eb.fn.sum<number>('c.n').as('n'))
        .$if(refs.length > 0, (q) => q.groupBy(refs))
        .compile(),
    ),
    answers:
      !withAnswers || !shape.plain
        ? null
        : named(
            cells
              .innerJoin('rollup_answer as a', 'a.cell_id', 'c.id')
              .$if(variables !== null, (q) => q.where('a.variable', 'in', variables!))
              .select([...refs, 'a.variable', 'a.value'])
              .select((eb) => eb.fn.sum<number>('a.n').as('n'))
              .groupBy([...refs, 'a.variable', 'a.value'])
              .compile(),
          ),
    histograms:
      !withAnswers || shape.slots?.length === 0
        ? null
        : named(
            cells
              .innerJoin('rollup_histogram as h', 'h.cell_id', 'c.id')
              .$if(variables !== null, (q) => q.where('h.variable', 'in', variables!))
              .select([...refs, 'h.variable', 'h.base'])
              .select((eb) => slots.map((col) => eb.fn.sum<number>(`h.${col}`).as(col)))
              .groupBy([...refs, 'h.variable', 'h.base'])
              .compile(),
          ),
    drivers: !withDrivers
      ? null
      : named(
          cells
            .innerJoin('rollup_driver as d', 'd.cell_id', 'c.id')
            .$if(drivers !== null, (q) => q.where('d.driver', 'in', drivers!))
            .select([...refs, 'd.driver'])
            .select((eb) =>
              shape.pairs === 'margins'
                ? // Only each driver's distribution: the table's row sums.
                  SCALE.map((v) =>
                    eb.fn
                      .sum<number>(
                        sql`${sql.join(
                          OUTCOMES.map((o) => sql.ref(`d.${driverColumn(v, o)}`)),
                          sql` + `,
                        )}`,
                      )
                      .as(`m${v}`),
                  )
                : DRIVER_COLUMNS.map((col) => eb.fn.sum<number>(`d.${col}`).as(col)),
            )
            .groupBy([...refs, 'd.driver'])
            .compile(),
        ),
    // Each cell's parts of responses, driver × satisfaction tables, answer counts and driver ×
    // driver counts (db/rollups/layout.ts), added up by the reader beside the rows' sums; the
    // drivers and variables asked for are picked there.
    parts: shape.parts ? packed('rollup_part') : null,
    // Text of `offset:count` per cell (db/rollups/layout.ts), from its row; the parts' counts not
    // folded into it yet are added by the reader.
    joint: shape.joint ? packed('rollup_joint') : null,
  };
}

export interface ProbeStatements {
  /** Per histogram block of the variables, the sum of each slot. */
  slots: NamedStatement;
  /** One row when any of the variables has a plain answer. */
  plain: NamedStatement;
  /** Whether any cell of the survey has parts not added to its rows yet (`rollup_part`). */
  parts: NamedStatement;
}

/**
 * What the variables asked for have at all, in the cells of `cuboid` (one every response is
 * counted in once): the histogram slots with a count, and whether any plain answer. A slot that
 * is zero there is zero in every cell of every cuboid (each response adds to one cell of each in
 * the same transaction, and counts are never negative), so a read adds up only the others —
 * while no cell of the survey has parts (`rollup_part`): then every slot is read.
 */
export function probeStatements(
  db: Kysely<Database>,
  cuboid: string,
  variables: number | null,
): ProbeStatements {
  const asked = variables === null ? null : names('variable', variables);
  const cells = db
    .selectFrom('rollup_cell as c')
    .where('c.survey_id', '=', param<number>('survey'))
    .where('c.cuboid', '=', cuboid);
  // From the parts to their cell (never from the survey's cells to their parts: there are many
  // cells, and most of the time no part).
  const ofSurvey = sql<SqlBool>`(select c.survey_id from rollup_cell as c where c.id = p.cell_id) = ${param<number>('survey')}`;
  return {
    slots: named(
      cells
        .innerJoin('rollup_histogram as h', 'h.cell_id', 'c.id')
        .$if(asked !== null, (q) => q.where('h.variable', 'in', asked!))
        .select('h.base')
        .select((eb) => HISTOGRAM_COLUMNS.map((col) => eb.fn.sum<number>(`h.${col}`).as(col)))
        .groupBy('h.base')
        .compile(),
    ),
    plain: named(
      cells
        .innerJoin('rollup_answer as a', 'a.cell_id', 'c.id')
        .$if(asked !== null, (q) => q.where('a.variable', 'in', asked!))
        .select(sql<number>`1`.as('found'))
        .limit(1)
        .compile(),
    ),
    parts: named(
      db
        .selectNoFrom((eb) => [
          eb
            .exists(
              db
                .selectFrom('rollup_part as p')
                .where(ofSurvey)
                .select(sql<number>`1`.as('found')),
            )
            .as('parts'),
        ])
        .compile(),
    ),
  };
}

const MAX_SHAPES = 500;

/** The statements of one read shape, compiled at its first use and kept (least recently used out). */
export function readStatements(db: Kysely<Database>): (shape: ReadShape) => ReadStatements {
  const cache = new Map<string, ReadStatements>();
  return (shape) => {
    const key = JSON.stringify(shape);
    let statements = cache.get(key);
    if (statements) {
      cache.delete(key);
    } else {
      statements = build(db, shape);
      if (cache.size >= MAX_SHAPES) cache.delete(cache.keys().next().value!);
    }
    cache.set(key, statements);
    return statements;
  };
}
