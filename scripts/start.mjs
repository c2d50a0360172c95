// npm start: build the web pages if they are missing (a fresh clone), then serve.
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';

const webDir = process.env.OVOZ_WEB_DIR || './dist/web';
if (!fs.existsSync(`${webDir}/citizen.html`)) {
  console.log('Building the web pages (first start)…');
  const built = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const server = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
