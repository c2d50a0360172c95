/** The server's log: JSON lines, cut fields, a rate limit that says what it dropped. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureConsole, configureLog, log } from '../../server/log.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('log', () => {
  it('writes one JSON object a line, with every field cut to 300 characters', () => {
    const lines: string[] = [];
    configureLog({ silent: false, write: (l) => lines.push(l) });
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 7) + 3_600_000 });
    log.warn('x'.repeat(1000), { requestId: 'abc', text: 'y'.repeat(5000) });
    const entry = JSON.parse(lines[0]!) as Record<string, string>;
    expect(entry.level).toBe('warn');
    expect(entry.requestId).toBe('abc');
    expect(entry.msg).toBe(`${'x'.repeat(300)}… (1000 characters)`);
    expect(entry.text).toBe(`${'y'.repeat(300)}… (5000 characters)`);
  });

  it('lets a burst of 50 through, then 10 a second, and says how many it dropped', () => {
    const lines: string[] = [];
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 8) });
    configureLog({ silent: false, write: (l) => lines.push(l) });
    vi.advanceTimersByTime(60_000); // a full bucket
    for (let i = 0; i < 300; i++) log.info('aborted', { i });
    expect(lines.length).toBeLessThanOrEqual(51);
    expect(lines.length).toBeGreaterThanOrEqual(49);
    lines.length = 0;
    vi.advanceTimersByTime(1000);
    log.info('after a second');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'log lines dropped by the rate limit' });
    expect(Number(JSON.parse(lines[0]!).dropped)).toBeGreaterThanOrEqual(249);
    expect(JSON.parse(lines[1]!)).toMatchObject({ msg: 'after a second' });
  });

  it('turns library console output into cut log lines', () => {
    const lines: string[] = [];
    vi.useFakeTimers({ now: Date.UTC(2026, 11, 9) });
    configureLog({ silent: false, write: (l) => lines.push(l) });
    vi.advanceTimersByTime(60_000);
    const warn = console.warn;
    const error = console.error;
    try {
      captureConsole();
      console.warn('Invalid expression:', 'z'.repeat(10_000));
      const entry = JSON.parse(lines.at(-1)!) as Record<string, string>;
      expect(entry).toMatchObject({ level: 'warn', msg: 'library output' });
      expect(entry.text!.length).toBeLessThan(400);
    } finally {
      console.warn = warn;
      console.error = error;
    }
  });
});
