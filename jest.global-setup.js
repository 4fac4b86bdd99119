/**
 * The relay runs on a worker thread, and a worker runs JavaScript: build the server once before
 * the suites (swc, well under a second), so a worker started from the TypeScript sources runs
 * the build of those same sources (libs/outbox/src/relay/relay-thread.ts, relayWorkerFile).
 */
const { execFileSync } = require('node:child_process');

module.exports = async () => {
  execFileSync('npm', ['run', 'build:server', '--silent'], { cwd: __dirname, stdio: 'inherit' });
};
