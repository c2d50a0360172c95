/**
 * Every command of `npm run ovoz -- <command>`. Add one by writing a small module under
 * server/cli/ that exports CliCommand objects, and listing them here (e.g. `backup`,
 * `rollups rebuild`, `demo`).
 */
import type { CliCommand } from './types.js';
import { rollupCommands } from './rollups.js';
import { demoCommands } from './demo.js';
import { userCommands } from './users.js';
import { backupCommands } from './backup.js';
import { surveyCommands } from './surveys.js';

export const commands: CliCommand[] = [...userCommands, ...rollupCommands];
commands.push(...demoCommands);
commands.push(...backupCommands);
commands.push(...surveyCommands);

/** The command whose name matches the most leading words of argv. */
export function findCommand(argv: string[]): { command: CliCommand; args: string[] } | undefined {
  let best: CliCommand | undefined;
  for (const command of commands) {
    const words = command.name.split(' ');
    const matches = words.every((w, i) => argv[i] === w);
    if (matches && words.length > (best?.name.split(' ').length ?? 0)) best = command;
  }
  return best && { command: best, args: argv.slice(best.name.split(' ').length) };
}

export function helpText(): string {
  const lines = commands.map((c) => `  ${`${c.name} ${c.usage}`.trimEnd()}\n      ${c.summary}`);
  return ['Usage: npm run ovoz -- <command>', '', 'Commands:', ...lines].join('\n');
}
