/** `user add|list|remove|password`: user management from the command line, audited as `cli`. */
import { parseArgs } from 'node:util';
import {
  addUser,
  changePassword,
  newUserSchema,
  parseRegions,
  removeUser,
} from '../auth/accounts.js';
import { CLI_ACTOR } from '../repos/audit.js';
import { listUsers } from '../repos/users.js';
import { readPassword } from './password-input.js';
import { UsageError, type CliCommand } from './types.js';

function onlyUsername(args: string[]): string {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('give exactly one username');
  return positionals[0]!;
}

const add: CliCommand = {
  name: 'user add',
  usage: '<username> --role admin|sociologist|manager [--regions UZ-SA,UZ-BU] [--password …]',
  summary: 'create a user (the password is asked for, or read from OVOZ_PASSWORD)',
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        regions: { type: 'string' },
        password: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one username');
    if (!values.role) throw new UsageError('--role is required');
    const input = newUserSchema.safeParse({
      username: positionals[0],
      role: values.role,
      regions: values.regions
        ?.split(',')
        .map((r) => r.trim())
        .filter(Boolean),
      password: await readPassword(ctx, values.password),
    });
    if (!input.success) {
      const problems = input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
      throw new UsageError(problems.join('; '));
    }
    const user = await addUser(await ctx.db(), input.data, CLI_ACTOR);
    const where = user.regions ? ` (${user.regions.join(', ')})` : '';
    ctx.out(`created ${user.username}: ${user.role}${where}`);
  },
};

const list: CliCommand = {
  name: 'user list',
  usage: '',
  summary: 'list the users with their roles and regions',
  async run(args, ctx) {
    parseArgs({ args, options: {} });
    const users = await listUsers(await ctx.db());
    if (!users.length) return ctx.out('no users yet');
    const rows = users.map((u) => [
      u.username,
      u.role,
      parseRegions(u.regions)?.join(',') ?? '*',
      u.created_at,
    ]);
    const table = [['USERNAME', 'ROLE', 'REGIONS', 'CREATED'], ...rows];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
    for (const r of table)
      ctx.out(
        r
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      );
  },
};

const remove: CliCommand = {
  name: 'user remove',
  usage: '<username>',
  summary: 'remove a user and end their sessions',
  async run(args, ctx) {
    const username = onlyUsername(args);
    await removeUser(await ctx.db(), username, CLI_ACTOR);
    ctx.out(`removed ${username}`);
  },
};

const password: CliCommand = {
  name: 'user password',
  usage: '<username> [--password …]',
  summary: "set a user's password (asked for, or OVOZ_PASSWORD) and end their sessions",
  async run(args, ctx) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { password: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new UsageError('give exactly one username');
    const username = positionals[0]!;
    await changePassword(
      await ctx.db(),
      username,
      await readPassword(ctx, values.password),
      CLI_ACTOR,
    );
    ctx.out(`password of ${username} changed`);
  },
};

export const userCommands: CliCommand[] = [add, list, remove, password];
