/** Suites that need a real Kafka broker; each starts and stops its own (scripts/kafka-dev.sh). */
const base = require('./jest.config');

module.exports = { ...base, testMatch: ['<rootDir>/test/kafka/**/*.kafka-spec.ts'], testTimeout: 400_000, maxWorkers: 1 };
