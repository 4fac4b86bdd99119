/** Unit and end-to-end suites run on real SQLite in temp dirs; broker suites live in jest.kafka.config.js. */
const swc = ['@swc/jest', {
  swcrc: false,
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
}];

module.exports = {
  testEnvironment: 'node',
  // @fastify/static (the console's files) requires content-disposition 3, an ES module: Node loads it
  // as it is, jest's module system cannot, so jest compiles that one package to CommonJS.
  transform: { '^.+\\.ts$': swc, '/node_modules/@fastify/static/node_modules/content-disposition/.+\\.js$': swc },
  transformIgnorePatterns: ['^(?!.*/@fastify/static/node_modules/content-disposition/).*/node_modules/'],
  moduleNameMapper: {
    '^@dnr/domain$': '<rootDir>/libs/domain/src/index.ts',
    '^@dnr/event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^@dnr/messaging$': '<rootDir>/libs/messaging/src/index.ts',
    '^@dnr/config$': '<rootDir>/libs/config/src/index.ts',
    '^@dnr/http$': '<rootDir>/libs/http/src/index.ts',
    '^@dnr/outbox$': '<rootDir>/libs/outbox/src/index.ts',
  },
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/jest.global-setup.js',
};
