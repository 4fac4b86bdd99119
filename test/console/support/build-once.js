/** The suites start the built service (dist/apps/api, dist/console): build it once before them. */
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async () => {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: join(__dirname, '../../..'), stdio: 'inherit' });
};
