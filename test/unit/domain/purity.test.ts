import { describe, it, expect } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as domain from '../../../server/domain/index.js';

const dir = join(import.meta.dirname, '../../../server/domain');

describe('server/domain is pure', () => {
  it('imports only sibling modules, with .js suffixes', () => {
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      const specifiers = [...source.matchAll(/(?:from|import)\s*['"]([^'"]+)['"]/g)].map(
        (m) => m[1]!,
      );
      for (const s of specifiers) {
        expect(s, `${file} imports ${s}`).toMatch(/^\.\/[\w-]+\.js$/);
      }
    }
  });

  it('index re-exports the API', () => {
    for (const name of [
      'wilson',
      'newcombe',
      'benjaminiHochberg',
      'twoProportionZTest',
      'groupVsRestTest',
      'groupsBelowOverall',
      'topBoxRate',
      'nps',
      'ces',
      'deliveryTime',
      'percentileFromHistogram',
      'affordability',
      'npsInterval',
      'compareFamily',
      'linearTrendTest',
      'estimateTrendTest',
      'seFromInterval',
      'responseRate',
      'coverageCoefficient',
      'socialKpiIndex',
      'correlationFromTable',
      'analyseDrivers',
      'suppressParts',
      'rateRow',
      'rateFlags',
      'regionalDisparity',
      'studentTTwoSidedP',
    ]) {
      expect(typeof (domain as Record<string, unknown>)[name], name).toBe('function');
    }
  });
});
