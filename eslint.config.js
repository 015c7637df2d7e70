// Type-aware lint: no floating promises, layers import one way, no cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';

/** Each layer, and the layers it must not import. Lower layers know nothing of higher ones. */
const layers = {
  core: ['definition', 'expression', 'engine', 'store', 'connectors', 'triggers', 'catalog', 'approvals', 'audit', 'auth', 'server', 'cli', 'system', 'sandbox', 'email', 'events', 'identity', 'simulation'],
  expression: ['definition', 'engine', 'store', 'connectors', 'triggers', 'server', 'cli', 'system', 'sandbox', 'simulation'],
  definition: ['engine', 'store', 'connectors', 'triggers', 'server', 'cli', 'system', 'sandbox', 'simulation'],
  store: ['engine', 'connectors', 'triggers', 'server', 'cli', 'system', 'sandbox', 'application', 'simulation'],
  engine: ['connectors', 'triggers', 'server', 'cli', 'system', 'sandbox', 'application', 'simulation'],
  connectors: ['store', 'triggers', 'server', 'cli', 'system', 'sandbox', 'simulation'],
  sandbox: ['definition', 'expression', 'engine', 'store', 'connectors', 'triggers', 'server', 'cli', 'system', 'simulation'],
  server: ['cli', 'system'],
  cli: ['server', 'store'],
  simulation: ['server', 'cli', 'system'],
};

/** The engine and the connectors see the store only through its interface, never a driver or a query. */
const storeInternals = {
  group: ['**/store/sqlite/**', '**/store/postgres/**', '**/store/sql-store*', '**/store/*-queries*', '**/store/open-store*', 'kysely', 'pg', 'better-sqlite3'],
  message: 'only src/store talks to the database: depend on the Store interface (store/store.ts, store/records.ts).',
};
const httpFrameworks = { group: ['fastify', 'fastify/*', '@fastify/*'], message: 'only src/server speaks HTTP as a server.' };

const layerRules = Object.entries(layers).map(([layer, forbidden]) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((other) => ({
            group: [`**/${other}/**`, `../${other}/*`, `../../${other}/*`],
            message: `src/${layer} must not import src/${other}: layers import downward only (see DESIGN.md).`,
          })),
          ...(['engine', 'connectors', 'expression', 'definition', 'core'].includes(layer) ? [storeInternals, httpFrameworks] : []),
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'web/dist/**', 'web/vite.config.ts', '.tollgate/**', 'bin/**', 'eslint.config.js', 'scripts/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'describe', 'it', 'suite'], package: 'node:test' }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true, allowNullish: true }],
      'import-x/no-cycle': ['error', { maxDepth: 10 }],
      'import-x/no-self-import': 'error',
    },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.js'] } } },
  },
  ...layerRules,
  {
    // The web app runs in a browser: it may share the project's pure helpers (money, errors, field
    // checks) and the API's schema types, never the server's or the engine's code.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['store', 'engine', 'connectors', 'cli', 'system', 'sandbox', 'application', 'triggers', 'identity', 'approvals', 'catalog'].map((layer) => `**/src/${layer}/**`),
              message: 'the web app talks to Tollgate only through /api/v1: no server-side modules in the browser.',
            },
            { group: ['**/src/server/**'], allowTypeImports: true, message: 'from src/server the web app takes schema types only (import type).' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
);
