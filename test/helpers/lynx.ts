/**
 * Lynx, Debian's text browser, driven by a keystroke script (`-cmd_script`) in a pseudo-terminal
 * (`script` from util-linux), as a person at a terminal would use it: arrow keys between the
 * page's links and form fields (lynx numbers them in document order), Enter to choose a radio
 * button, tick a checkbox, open a popup menu or press a button, letters typed into text fields.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './server.js';

/** One thing done on a page: at the page's field number `at` (1-based, as `lynx -number_fields`). */
export type LynxAction =
  | { at: number; enter: true }
  | { at: number; type: string }
  /** A popup menu: open it, move down `option` entries, choose. */
  | { at: number; option: number };

/** The keystroke script for a sequence of pages; on each, the last action submits it. */
export function lynxScript(pages: LynxAction[][]): string {
  const lines: string[] = [];
  for (const actions of pages) {
    let current = 1; // lynx starts every page on its first link
    for (const a of actions) {
      const arrow = a.at > current ? 'Down Arrow' : 'Up Arrow';
      for (let i = 0; i < Math.abs(a.at - current); i++) lines.push(`key ${arrow}`);
      current = a.at;
      if ('enter' in a) lines.push('key ^J');
      // A space is written as its code: lynx trims the line.
      else if ('type' in a) for (const ch of a.type) lines.push(`key ${ch === ' ' ? '0x20' : ch}`);
      else {
        lines.push('key ^J');
        for (let i = 0; i < a.option; i++) lines.push('key Down Arrow');
        lines.push('key ^J');
      }
    }
  }
  lines.push('exit');
  return lines.join('\n') + '\n';
}

/** Runs lynx on `url` with `script`; resolves with what it drew on the terminal. */
export async function runLynx(url: string, script: string, timeoutMs = 60_000): Promise<string> {
  const dir = tempDir('ovoz-lynx-');
  const file = path.join(dir, 'keys.txt');
  fs.writeFileSync(file, script);
  const command = `stty cols 100 rows 60; exec lynx -cmd_script=${file} -number_fields -accept_all_cookies -noreferer -nopause '${url.replace(/'/g, '')}'`;
  try {
    return await new Promise<string>((resolve, reject) => {
      const child = spawn('script', ['-qfec', command, '/dev/null'], {
        env: { ...process.env, TERM: 'vt100', HOME: dir, LYNX_CFG: '/etc/lynx/lynx.cfg' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
      child.stderr.on('data', (d: Buffer) => (out += d.toString('utf8')));
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`lynx did not finish:\n${out.slice(-2000)}`));
      }, timeoutMs);
      child.on('exit', (code) => {
        clearTimeout(timer);
        if (code === 0) resolve(out);
        else reject(new Error(`lynx exited with ${code}:\n${out.slice(-2000)}`));
      });
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
