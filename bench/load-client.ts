/**
 * The load generator, run as its own process so it does not share the server's CPU thread:
 * autocannon posting valid, unique social-services responses. Prints its result as JSON.
 * argv: URL PATH CONNECTIONS SECONDS SECRET
 */
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { randomSubmission } from './answers.js';

const [url, path, connections, seconds, secret] = process.argv.slice(2);
let seq = 0;
const result = await autocannon({
  url: url!,
  connections: Number(connections),
  duration: Number(seconds),
  requests: [
    {
      method: 'POST',
      path: path!,
      headers: { 'content-type': 'application/json' },
      setupRequest: (req) => ({
        ...req,
        body: JSON.stringify(randomSubmission(randomUUID(), seq++, secret!)),
      }),
    },
  ],
});
process.stdout.write(
  JSON.stringify({
    requests: result.requests.total,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    statusCodes: result.statusCodeStats,
    ok: result['2xx'],
  }),
);
