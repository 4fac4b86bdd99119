// Lint is part of `npm test`. The one architectural rule that matters most:
// libs/domain is pure — the rules must be readable and testable without Nest, adapters or I/O.
import tseslint from 'typescript-eslint';

const forbiddenInDomain = [
  { group: ['@nestjs/*', '@dnr/event-store', '@dnr/messaging', 'better-sqlite3', 'kafkajs', '@kurrent/*', 'pino'], message: 'libs/domain is pure: no Nest, adapters or I/O.' },
  { group: ['fs', 'fs/*', 'node:*', 'net', 'http', 'https', 'child_process', 'path', 'os', 'crypto'], message: 'libs/domain is pure: no Node I/O (time and ids are passed in).' },
  { group: ['**/apps/**', '**/libs/event-store/**', '**/libs/messaging/**'], message: 'The dependency arrow points inward.' },
];

// Imports run apps → libs only: no app imports another app, and no library imports an app.
const appsOnlyThroughLibs = (self) => ['api', 'relay', 'console'].filter((a) => a !== self).map((app) => ({
  group: [`**/apps/${app}/**`, `apps/${app}/**`, `**/${app}/src/**`], message: `apps/${self ?? 'libs'} may not import from apps/${app}: share code through a library in libs/.`,
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  ...['api', 'relay', 'console'].map((app) => ({
    files: [`apps/${app}/**/*.ts`, `apps/${app}/**/*.tsx`],
    rules: { 'no-restricted-imports': ['error', { patterns: appsOnlyThroughLibs(app) }] },
  })),
  {
    files: ['libs/**/*.ts'],
    ignores: ['libs/domain/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/apps/**', 'apps/**'], message: 'Libraries never import from apps.' }] }] },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInDomain }],
      'no-restricted-globals': ['error', 'process', 'require'],
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Use the time passed in; Date.now() only at the edge.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Use the time passed in; new Date() only at the edge.' },
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'The domain is deterministic.' }],
    },
  },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    // Test clients read arbitrary JSON answers; `any` there is honest.
    rules: { 'no-console': 'off', '@typescript-eslint/no-explicit-any': 'off' },
  },
);
