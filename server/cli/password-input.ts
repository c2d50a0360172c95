import { UsageError, type CliContext } from './types.js';

/** Reads a line from a TTY without echoing it. */
function promptHidden(ctx: CliContext, question: string): Promise<string> {
  const input = ctx.stdin;
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let value = '';
    const finish = (err?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return finish();
        if (ch === '\u0003') return finish(new UsageError('cancelled'));
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else if (ch >= ' ') value += ch;
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}

/**
 * The password for `user add` / `user password`: `--password`, else the OVOZ_PASSWORD variable,
 * else asked twice on the terminal; with none of these (a script, a pipe) it fails clearly.
 */
export async function readPassword(ctx: CliContext, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const fromEnv = ctx.env.OVOZ_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!ctx.stdin.isTTY) {
    throw new UsageError(
      'no password: pass --password, set OVOZ_PASSWORD, or run in a terminal to be asked for it',
    );
  }
  const first = await promptHidden(ctx, 'Password: ');
  const second = await promptHidden(ctx, 'Repeat the password: ');
  if (first !== second) throw new UsageError('the two passwords differ');
  return first;
}
