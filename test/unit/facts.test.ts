import { describe, expect, it } from 'vitest';
import { extractFacts, type RoleVariable } from '../../server/ingest/facts.js';

const vars: RoleVariable[] = [
  { variable: 'satisfaction', question: 'satisfaction', role: 'satisfaction', type: 'rating' },
  {
    variable: 'drivers.timeliness',
    question: 'drivers',
    row: 'timeliness',
    role: 'driver:timeliness',
    type: 'matrix',
  },
  {
    variable: 'drivers.ease',
    question: 'drivers',
    row: 'ease',
    role: 'driver:ease',
    type: 'matrix',
  },
  { variable: 'paid', question: 'paid', role: 'affordability', type: 'radiogroup' },
  { variable: 'delivery_days', question: 'delivery_days', role: 'delivery_days', type: 'text' },
  { variable: 'channel', question: 'channel', role: 'context:channel', type: 'radiogroup' },
  { variable: 'segment', question: 'segment', role: 'segment:group', type: 'checkbox' },
  { variable: 'comment', question: 'comment', role: 'comment', type: 'comment' },
];

describe('what a response adds to the rollups', () => {
  it('counts answers, pairs each driver with satisfaction, and lists segments', () => {
    const facts = extractFacts(vars, {
      satisfaction: 4,
      drivers: { timeliness: 2, ease: 'na' },
      paid: 'informal',
      delivery_days: 12,
      channel: 'centre',
      segment: ['elderly', 'disability'],
      comment: 'navbat uzun',
    });
    expect(facts.answers).toEqual([
      ['satisfaction', '4'],
      ['paid', 'informal'],
      ['delivery_days', '12'],
      ['segment', 'elderly'],
      ['segment', 'disability'],
      // the payment crossed with its (here skipped) follow-up, for the affordability index
      ['paid/afford', 'informal/'],
    ]);
    // "don't know" is in no denominator, so it is not recorded; drivers live only as pairs.
    expect(facts.pairs).toEqual([['drivers.timeliness', 2, 4]]);
    expect(facts.segments).toEqual(['elderly', 'disability']);
  });

  it('pairs a driver with outcome 0 when satisfaction was not answered', () => {
    expect(extractFacts(vars, { drivers: { timeliness: 5 } }).pairs).toEqual([
      ['drivers.timeliness', 5, 0],
    ]);
  });

  it('prefers the service-event days of a one-time link', () => {
    expect(extractFacts(vars, { satisfaction: 3, delivery_days: 40 }, 9).answers).toContainEqual([
      'delivery_days',
      '9',
    ]);
    expect(extractFacts(vars, { satisfaction: 3 }, 9).answers).toContainEqual([
      'delivery_days',
      '9',
    ]);
  });

  it('crosses the payment with its follow-up', () => {
    const withAfford: RoleVariable[] = [
      ...vars,
      { variable: 'afford', question: 'afford', role: 'affordability:afford', type: 'radiogroup' },
    ];
    const facts = extractFacts(withAfford, { satisfaction: 3, paid: 'formal', afford: 'no' });
    expect(facts.answers).toContainEqual(['paid/afford', 'formal/no']);
    expect(extractFacts(withAfford, { satisfaction: 3 }).answers).toEqual([['satisfaction', '3']]);
  });

  it('leaves "none of these" out of the segments', () => {
    expect(extractFacts(vars, { satisfaction: 3, segment: ['none'] }).segments).toEqual([]);
  });
});
