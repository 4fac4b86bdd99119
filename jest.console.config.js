/**
 * The console in a real browser: Debian's Chromium (scripts/install-chromium.sh) driven by
 * playwright-core against the built service (SQLite in a temp dir), one suite at a time.
 */
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/console/**/*.console-spec.ts'],
  globalSetup: '<rootDir>/test/console/support/build-once.js',
  testTimeout: 120_000,
  maxWorkers: 1,
};
