/**
 * npm run bench:stall — does any single request hold up the server? A real server (bundled, as
 * `npm start` runs it) on a temporary database with BENCH_RESPONSES (100,000) demo responses.
 * /healthz is probed in a closed loop (one request after another) while, in turn:
 *   1. nothing else runs: the baseline of this run;
 *   2. two clients post the designer's check of a 2 MiB questionnaire (1,000 questions, long texts
 *      in four languages) again and again: target /healthz p99 < 100 ms;
 *   3. the known catastrophic answer formats are saved (each refused) and an everyday one's worst
 *      input is submitted: target each answered in < 100 ms;
 *   4. a CSV export, then an XLSX export, of every response streams to a client.
 * Prints p50/p99/max of /healthz for each, and p99 as a ratio to the baseline.
 * BENCH_SECONDS (8) is the length of phases 1 and 2.
 */
import http from 'node:http';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { CATASTROPHIC } from '../test/fixtures/catastrophic-patterns.js';
import { runCli, startBundledServer } from '../test/helpers/bundled-server.js';
import { signInOver, tempDir } from '../test/helpers/server.js';

const RESPONSES = Number(process.env.BENCH_RESPONSES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

interface Probe {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

function healthzOnce(base: string): Promise<number> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(`${base}/healthz`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(performance.now() - t0));
      })
      .on('error', reject);
  });
}

/** One /healthz; a kept-alive connection the server closed while idle is replaced once. */
async function healthz(base: string): Promise<number> {
  try {
    return await healthzOnce(base);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ECONNRESET') throw e;
    return healthzOnce(base);
  }
}

/** /healthz one request after another until `until` resolves (or `ms` pass without one). */
async function probe(base: string, until: Promise<unknown>): Promise<Probe> {
  let done = false;
  void until.finally(() => (done = true));
  const times: number[] = [];
  while (!done) times.push(await healthz(base));
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { n: times.length, p50: at(0.5), p99: at(0.99), max: times.at(-1) ?? NaN };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fmt = (p: Probe, base?: Probe) =>
  `/healthz n=${p.n} p50 ${p.p50.toFixed(2)} ms, p99 ${p.p99.toFixed(2)} ms, max ${p.max.toFixed(1)} ms` +
  (base ? ` (p99 ${(p.p99 / base.p99).toFixed(1)}× the baseline)` : '');

/** A questionnaire of about 2 MiB within every limit: 1,000 questions with long texts. */
function bigQuestionnaire(): object {
  // 455 characters a text: just under the 2 MiB limit in UTF-8.
  const text = (lang: string, i: number) => `${lang} ${i} `.repeat(200).slice(0, 455);
  return {
    title: { uz: 'Katta', ru: 'Большая', en: 'Large' },
    pages: Array.from({ length: 10 }, (_, p) => ({
      name: `page${p}`,
      elements: Array.from({ length: 100 }, (_, k) => {
        const i = p * 100 + k;
        return {
          type: 'text',
          name: `q${i}`,
          title: {
            uz: text('uz', i),
            'uz-Cyrl': text('уз', i),
            ru: text('ru', i),
            en: text('en', i),
          },
          ...(i ? { visibleIf: `{q${i - 1}} notempty or {q0} = 'x${i}'` } : {}),
        };
      }),
    })),
  };
}

async function main() {
  const dir = tempDir('ovoz-bench-stall-');
  const databaseUrl = `sqlite:${path.join(dir, 'ovoz.db')}`;
  console.log(`Ovoz stall benchmark: ${RESPONSES.toLocaleString('en')} demo responses in ${dir}`);
  const demo = await runCli(databaseUrl, ['demo', '--responses', String(RESPONSES)]);
  if (demo.status !== 0) throw new Error(`demo failed: ${demo.stderr}`);
  const server = await startBundledServer({ dir, databaseUrl });
  const base = server.url;
  const cookie = await signInOver(base);
  const post = (p: string, body: string) =>
    fetch(`${base}${p}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body,
    });
  try {
    // 1. The baseline.
    const idle = await probe(base, sleep(SECONDS * 1000));
    console.log(`\n1. idle                      ${fmt(idle)}`);

    // 2. The designer's check of a 2 MiB questionnaire, two clients in a loop.
    const body = JSON.stringify({ json: bigQuestionnaire() });
    let checks = 0;
    const checkTimes: number[] = [];
    let stop = false;
    const client = async () => {
      while (!stop) {
        const t0 = performance.now();
        const res = await post('/api/admin/surveys/check', body);
        await res.text();
        if (res.status !== 200) throw new Error(`check: ${res.status}`);
        checkTimes.push(performance.now() - t0);
        checks++;
      }
    };
    const clients = [client(), client()];
    const during = await probe(base, sleep(SECONDS * 1000));
    stop = true;
    await Promise.all(clients);
    checkTimes.sort((a, b) => a - b);
    console.log(
      `2. 2 MiB design checks       ${fmt(during, idle)}\n` +
        `   ${checks} checks of ${(Buffer.byteLength(body) / 2 ** 20).toFixed(2)} MiB, median ${checkTimes[checkTimes.length >> 1]?.toFixed(0)} ms each` +
        `; target p99 < 100 ms: ${during.p99 < 100 ? 'met' : 'NOT met'}`,
    );

    // 3. Catastrophic answer formats and the worst input of an everyday one.
    const refusals: number[] = [];
    const regexPhase = (async () => {
      for (const [i, pattern] of CATASTROPHIC.entries()) {
        const t0 = performance.now();
        const res = await post(
          '/api/admin/surveys',
          JSON.stringify({
            slug: `redos-${i}`,
            json: {
              elements: [
                { type: 'rating', name: 'satisfaction', role: 'satisfaction' },
                { type: 'text', name: 'code', validators: [{ type: 'regex', regex: pattern }] },
              ],
            },
          }),
        );
        await res.text();
        if (res.status !== 422) throw new Error(`pattern ${pattern}: ${res.status}`);
        refusals.push(performance.now() - t0);
      }
    })();
    const regexProbe = await probe(base, regexPhase);
    await post(
      '/api/admin/surveys',
      JSON.stringify({
        slug: 'phone',
        json: {
          elements: [
            { type: 'rating', name: 'satisfaction', role: 'satisfaction' },
            {
              type: 'text',
              name: 'phone',
              validators: [{ type: 'regex', regex: '^\\+998[0-9]{9}$' }],
            },
          ],
        },
      }),
    );
    await post('/api/admin/surveys/phone/open', '');
    const submit = async (phone: string) => {
      const t0 = performance.now();
      const res = await fetch(`${base}/api/public/surveys/phone/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: randomUUID(), answers: { satisfaction: 5, phone } }),
      });
      await res.text();
      return performance.now() - t0;
    };
    const plain: number[] = [];
    const worst: number[] = [];
    for (let i = 0; i < 200; i++) {
      plain.push(await submit('+998901234567'));
      worst.push(await submit(`+998${'9'.repeat(995)}!`));
    }
    const p99 = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(0.99 * xs.length)]!;
    console.log(
      `3. ${CATASTROPHIC.length} catastrophic patterns  ${fmt(regexProbe, idle)}\n` +
        `   each refused at save time in ${Math.min(...refusals).toFixed(0)}–${Math.max(...refusals).toFixed(0)} ms` +
        `; an everyday pattern's worst input (1,000 characters): p99 ${p99(worst).toFixed(1)} ms` +
        ` vs ${p99(plain).toFixed(1)} ms for a plain answer; target < 100 ms: ${p99(worst) < 100 ? 'met' : 'NOT met'}`,
    );

    // 4. Exports of every response.
    for (const format of ['csv', 'xlsx']) {
      let bytes = 0;
      const t0 = performance.now();
      const exporting = (async () => {
        const res = await fetch(`${base}/api/exports/social-services/responses.${format}`, {
          headers: { cookie },
        });
        if (res.status !== 200) throw new Error(`export ${format}: ${res.status}`);
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>)
          bytes += chunk.byteLength;
      })();
      const p = await probe(base, exporting);
      await exporting;
      console.log(
        `4. ${format.toUpperCase()} export${format === 'csv' ? ' ' : ''}               ${fmt(p, idle)}\n` +
          `   ${(bytes / 2 ** 20).toFixed(1)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
      );
    }
  } catch (err) {
    console.error(server.output().slice(-3000));
    throw err;
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
