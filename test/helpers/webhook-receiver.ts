/**
 * A real webhook receiver on loopback: an HTTP server that records every request it gets (headers,
 * raw body, whether the signature verifies) and answers what `answer` says (200 unless told).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  HEADER_ID,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  verifySignature,
} from '../../server/webhooks/signature.js';

export interface Received {
  id: string;
  body: string;
  event: { id: string; type: string; created: string; data: Record<string, unknown> };
  validSignature: boolean;
  /** What the receiver answered. */
  status: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Resolves once `holds()` is true, checked after every request: an event, not a timer. */
  until(holds: (received: Received[]) => boolean): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(
  secret: string,
  answer: (event: Received['event'], earlier: Received[]) => number = () => 200,
): Promise<Receiver> {
  const received: Received[] = [];
  const waiters: Array<() => void> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const event = JSON.parse(body) as Received['event'];
      const validSignature = verifySignature(
        secret,
        {
          timestamp: req.headers[HEADER_TIMESTAMP] as string | null,
          signature: req.headers[HEADER_SIGNATURE] as string | null,
        },
        body,
        Date.now(),
      );
      const id = String(req.headers[HEADER_ID]);
      const status = answer(
        event,
        received.filter((r) => r.id === id),
      );
      received.push({ id, body, event, validSignature, status });
      res.writeHead(status).end();
      for (const w of [...waiters]) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    until: (holds) =>
      new Promise((resolve) => {
        if (holds(received)) return resolve();
        const w = () => {
          if (!holds(received)) return;
          waiters.splice(waiters.indexOf(w), 1);
          resolve();
        };
        waiters.push(w);
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
