/**
 * Signed context links (server/links/context.ts): a link verifies only for the survey and secret
 * it was signed for, however often it was verified before (verified links are kept in memory).
 */
import { describe, expect, it } from 'vitest';
import { signContext, verifyContext } from '../../server/links/context.js';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const OTHER = 'another-secret-of-at-least-thirty-two-chars';
const ctx = { region: 'UZ-TK', district: 'D-1', provider: 'P-1', channel: 'mahalla' as const };

describe('context links', () => {
  it('verify to what they were signed with, every time', () => {
    const c = signContext(SECRET, 'social-services', ctx);
    for (let i = 0; i < 3; i++) expect(verifyContext(SECRET, 'social-services', c)).toEqual(ctx);
  });

  it('are refused on another survey, under another secret, or changed, after verifying once', () => {
    const c = signContext(SECRET, 'social-services', ctx);
    expect(verifyContext(SECRET, 'social-services', c)).toEqual(ctx);
    expect(verifyContext(SECRET, 'quick-feedback', c)).toBeNull();
    expect(verifyContext(OTHER, 'social-services', c)).toBeNull();
    const [payload, signature] = c.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ r: 'UZ-AN', p: 'P-1' })).toString('base64url');
    expect(verifyContext(SECRET, 'social-services', `${forged}.${signature}`)).toBeNull();
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(verifyContext(SECRET, 'social-services', `${payload}.${flipped}`)).toBeNull();
    expect(verifyContext(SECRET, 'social-services', `${c}.x`)).toBeNull();
  });

  it('give each caller its own copy', () => {
    const c = signContext(SECRET, 'social-services', ctx);
    const first = verifyContext(SECRET, 'social-services', c)!;
    first.provider = 'P-2';
    expect(verifyContext(SECRET, 'social-services', c)).toEqual(ctx);
  });
});
