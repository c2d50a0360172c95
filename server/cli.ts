/** The command line: `npm run ovoz -- <command>`. The commands live in server/cli/. */
import { ConfigError, parseConfig } from './config.js';
import { AppError } from './errors.js';
import { findCommand, helpText } from './cli/commands.js';
import { processContext } from './cli/context.js';
import { UsageError } from './cli/types.js';
import { configureLog } from './log.js';

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!)) {
    console.log(helpText());
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv);
  if (!found) {
    console.error(`unknown command: ${argv.join(' ')}\n\n${helpText()}`);
    return 2;
  }
  const { command, args } = found;
  let ctx: ReturnType<typeof processContext> | undefined;
  try {
    ctx = processContext(parseConfig());
    await command.run(args, ctx);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err instanceof TypeError && 'code' in err)) {
      // TypeError with a code: node:util parseArgs (unknown option, missing value).
      console.error(`${command.name}: ${err.message}\nusage: ${command.name} ${command.usage}`);
      return 2;
    }
    if (err instanceof AppError || err instanceof ConfigError) {
      const fields = err instanceof AppError && err.fields ? err.fields : [];
      const detail = fields
        .filter((f) => f.message !== err.message)
        .map((f) => `${f.name}: ${f.message}`)
        .join('; ');
      console.error(`${command.name}: ${err.message}${detail ? ` (${detail})` : ''}`);
      return 1;
    }
    throw err;
  } finally {
    await ctx?.close();
  }
}

// The command line answers its user itself; the server's JSON log stays quiet here.
configureLog({ silent: true });

main(process.argv.slice(2)).then(
  (code) => process.exit(process.exitCode ?? code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
