#!/usr/bin/env node
/**
 * Lists the ten slowest tests of a vitest JSON report (`npm run test:slow` writes one and calls
 * this): where a person looks first when the suite grows slow.
 */
import fs from 'node:fs';
import path from 'node:path';

const file = process.argv[2] ?? 'test-artifacts/vitest.json';
const report = JSON.parse(fs.readFileSync(file, 'utf8'));
const tests = report.testResults.flatMap((suite) =>
  suite.assertionResults.map((t) => ({
    ms: t.duration ?? 0,
    name: `${path.relative(process.cwd(), suite.name)} › ${t.fullName}`,
    status: t.status,
  })),
);
const files = report.testResults
  .map((s) => ({
    ms: (s.endTime ?? 0) - (s.startTime ?? 0),
    name: path.relative(process.cwd(), s.name),
  }))
  .sort((a, b) => b.ms - a.ms);
const sec = (ms) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
console.log(`The ten slowest of ${tests.length} tests:`);
for (const t of tests.sort((a, b) => b.ms - a.ms).slice(0, 10)) {
  console.log(`${sec(t.ms)}  ${t.name}${t.status === 'passed' ? '' : ` (${t.status})`}`);
}
console.log(`\nThe ten slowest of ${files.length} files (setup included):`);
for (const f of files.slice(0, 10)) console.log(`${sec(f.ms)}  ${f.name}`);
