/** Entry: config → database → migrate → sync surveys → serve. */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { boot } from './boot.js';
import { StorageConfigError } from '../db/errors.js';
import { ConfigError, parseConfig } from './config.js';
import { demoOnStart } from './demo/on-start.js';
import { scheduleFreezing } from './anonymity/schedule.js';
import { startWebhookDispatcher } from './webhooks/dispatcher.js';
import { captureConsole, configureLog, log } from './log.js';

async function main() {
  const config = parseConfig();
  configureLog({ silent: config.log === 'silent' });
  captureConsole();
  const booted = await boot(config);
  for (const s of booted.synced) {
    if (s.created) log.info(`survey ${s.slug}: version ${s.version} synced`);
  }
  if (booted.generatedAdminPassword) {
    console.log(
      `\nFirst start: created user "admin" with password ${booted.generatedAdminPassword}\n` +
        'It is shown only this once. Set OVOZ_ADMIN_PASSWORD to choose it yourself.\n',
    );
  }
  await demoOnStart(booted, (msg) => log.info(msg));
  scheduleFreezing(booted.deps, (msg) => log.info(msg));
  const stopWebhooks = startWebhookDispatcher(booted.deps, (msg) => log.info(msg));
  const app = createApp(booted.deps);
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info(
      `Ovoz listening on http://${info.address}:${info.port} (public URL ${config.publicUrl})`,
    );
  });

  let stopping = false;
  // While stopping, every response closes its connection: a keep-alive client can neither hold
  // the server open nor send more requests into it.
  (server as Server).prependListener('request', (_req, res) => {
    if (stopping && !res.headersSent) res.setHeader('Connection', 'close');
  });
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: finishing requests in flight`);
    // Stop accepting connections; requests in flight finish, then the last commits drain.
    server.close(async () => {
      await booted.deps.writer.drain();
      await stopWebhooks();
      await booted.storage.close();
      process.exit(0);
    });
    // Connections between two requests are closed at once, and again as others become idle.
    const closeIdle = () => (server as Server).closeIdleConnections();
    closeIdle();
    setInterval(closeIdle, 50).unref();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err) => {
  // Plain text, for the person starting the server: a configuration problem in one line naming
  // what to fix, never as a stack trace.
  const plain = err instanceof ConfigError || err instanceof StorageConfigError;
  process.stderr.write(`${plain ? err.message : String(err?.stack ?? err)}
`);
  process.exit(1);
});
