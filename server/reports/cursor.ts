/**
 * The comments report's page cursor (`next`, given back as `before`): the position of the last
 * comment of a page — its day, its stored hour and its response id — sealed with AES-256-GCM under
 * a key derived from the server secret. The caller sees an opaque string: neither the response id
 * nor the hour of a comment leaves the server, and a forged or altered cursor is refused.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { invalid } from './query.js';

export interface CommentPosition {
  day: string;
  submittedAt: string;
  id: string;
}

const keyOf = (secret: string) =>
  createHash('sha256').update(`ovoz:comments-cursor:${secret}`).digest();

export function sealCursor(secret: string, p: CommentPosition): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(secret), iv);
  const body = Buffer.concat([
    cipher.update(JSON.stringify([p.day, p.submittedAt, p.id]), 'utf8'),
    cipher.final(),
  ]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** The position a cursor holds; 400 InvalidQuery (`before`) when it is not one this server made. */
export function openCursor(secret: string, cursor: string): CommentPosition {
  try {
    const raw = Buffer.from(cursor, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', keyOf(secret), raw.subarray(0, 12), {
      authTagLength: 16,
    });
    decipher.setAuthTag(raw.subarray(12, 28));
    const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString();
    const [day, submittedAt, id] = JSON.parse(text) as unknown[];
    if (typeof day === 'string' && typeof submittedAt === 'string' && typeof id === 'string') {
      return { day, submittedAt, id };
    }
  } catch {
    // fall through: not a cursor of ours
  }
  throw invalid([{ name: 'before', message: 'is not a cursor given by this report' }]);
}
