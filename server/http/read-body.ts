/**
 * Reads a request body as text, refusing it (413) past `maxBytes` whether or not it declares a
 * Content-Length. On Node it reads the socket's stream directly: building a web Request and
 * reading it through web streams costs a citizen's submission more than validating it.
 */
import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { AppError } from '../errors.js';

const utf8 = new TextDecoder('utf-8');

function tooLarge(maxBytes: number): AppError {
  return new AppError('PayloadTooLarge', `the body is larger than ${maxBytes} bytes`);
}

async function readStream(chunks: AsyncIterable<Uint8Array>, maxBytes: number): Promise<string> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge(maxBytes);
    parts.push(chunk);
  }
  // As fetch's text(): UTF-8, a leading byte-order mark dropped, bad bytes replaced.
  return utf8.decode(Buffer.concat(parts, size));
}

export async function readBody(c: Context, maxBytes: number): Promise<string> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && !c.req.header('transfer-encoding') && Number(declared) > maxBytes) {
    throw tooLarge(maxBytes);
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && !incoming.readableEnded) {
    try {
      return await readStream(incoming, maxBytes);
    } catch (e) {
      // Stop reading what is left of a body we refused; the response still goes out.
      if (e instanceof AppError) incoming.resume();
      throw e;
    }
  }
  const body = c.req.raw.body;
  if (!body) return '';
  return readStream(body as unknown as AsyncIterable<Uint8Array>, maxBytes);
}
