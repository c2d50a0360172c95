import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: 'sqlite:./data/ovoz.db',
      publicUrl: 'http://127.0.0.1:3000',
      minCell: 5,
      rateLimitPerMinute: 300,
      demo: false,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every bad variable', () => {
    expect(() => parseConfig({ PORT: 'eighty', OVOZ_MIN_CELL: '0' })).toThrow(
      /PORT.*OVOZ_MIN_CELL/,
    );
    expect(() => parseConfig({ OVOZ_ADMIN_PASSWORD: 'short' })).toThrow(
      /OVOZ_ADMIN_PASSWORD: must be at least 12/,
    );
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('treats an empty variable as unset and trims the public URL', () => {
    expect(parseConfig({ PORT: '', PUBLIC_URL: 'https://ovoz.example.uz/' })).toMatchObject({
      port: 3000,
      publicUrl: 'https://ovoz.example.uz',
    });
  });
});
