/** Crash tests: real processes killed with SIGKILL and restarted on the same data. */
const base = require('./jest.config');

module.exports = { ...base, testMatch: ['<rootDir>/test/durability/**/*.durability-spec.ts'], testTimeout: 300_000, maxWorkers: 1 };
