import { describe, expect, it } from 'vitest';
import { hashToken, newToken } from '../../server/links/tokens.js';

describe('one-time tokens', () => {
  it('are 22 characters of base64url, never starting with a formula sign, hashed with sha256', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const { token, hash } = newToken();
      expect(token).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      expect(hash).toBe(hashToken(token));
      seen.add(token);
    }
    expect(seen.size).toBe(5000);
  });
});
