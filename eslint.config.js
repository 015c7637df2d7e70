// Type-aware lint: no floating promises, layers import one way (an allow-list per folder of src/, from
// scripts/layers.js), no cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import boundaries from 'eslint-plugin-boundaries';
import { LAYERS, PACKAGE_OWNERS, STORE_INSPECT, STORE_INTERNALS, STORE_INTERNALS_USERS, WEB_IMPORTS } from './scripts/layers.js';

/** src/'s layers as boundaries elements; test, bench and scripts may import any of them. */
const layerElements = LAYERS.map(({ folder }) => ({ type: folder, pattern: `src/${folder}`, partialMatch: false }));
const tooling = ['test', 'bench', 'scripts'];
const toolingElements = tooling.map((folder) => ({ type: folder, pattern: folder, partialMatch: false }));
const srcLayers = LAYERS.map(({ folder }) => folder);
const elementsOf = (types) => ({ element: { type: types } });
const ARCHITECTURE = 'see docs/architecture.md';

/** Default disallow: each layer imports what its row of the table allows, and npm packages and Node's modules. */
const boundaryPolicies = [
  { from: elementsOf([...srcLayers, 'web', ...tooling]), allow: { to: { module: { origin: ['external', 'core'] } } } },
  ...LAYERS.map(({ folder, imports }) => ({ from: elementsOf(folder), allow: { to: elementsOf([folder, ...imports]) } })),
  { from: elementsOf(tooling), allow: { to: elementsOf([...srcLayers, 'web', ...tooling]) } },
  { from: elementsOf('web'), allow: { to: elementsOf(['web', ...WEB_IMPORTS.values]) } },
  {
    from: elementsOf('web'),
    disallow: { to: elementsOf(srcLayers.filter((folder) => !WEB_IMPORTS.values.includes(folder))) },
    message: `the web app talks to Tollgate only through /api/v1: from src/ it takes ${WEB_IMPORTS.values.join(', ')}, and schema types from ${WEB_IMPORTS.types.join(', ')} (import type).`,
  },
  { from: elementsOf('web'), allow: { to: elementsOf(WEB_IMPORTS.types), dependency: { kind: 'type' } } },
  ...PACKAGE_OWNERS.map(({ packages, owner, why }) => ({
    from: elementsOf(srcLayers.filter((folder) => folder !== owner)),
    disallow: { to: { module: { origin: 'external', source: packages } } },
    message: `${why} (${ARCHITECTURE}).`,
  })),
  {
    from: elementsOf(srcLayers.filter((folder) => folder !== 'store' && !STORE_INTERNALS_USERS.includes(folder))),
    disallow: { to: { file: { categories: 'store-internal' } } },
    message: `only ${STORE_INTERNALS_USERS.join(', ')} reach into the store's drivers, SqlStore and queries: depend on the Store interface (store/store.ts, store/records.ts) (${ARCHITECTURE}).`,
  },
  {
    from: elementsOf([...srcLayers.filter((folder) => folder !== 'store'), 'web', 'scripts']),
    disallow: { to: { file: { categories: 'store-inspect' } } },
    message: `${STORE_INSPECT} reads the database raw, for test/ and bench/ only (${ARCHITECTURE}).`,
  },
];

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
  {
    // Every folder of src/ imports only what its row in scripts/layers.js allows; the web app runs in a
    // browser and takes the project's pure helpers and the API's schema types (import type), nothing else.
    plugins: { boundaries },
    settings: {
      'boundaries/root-path': import.meta.dirname,
      'boundaries/elements': [...layerElements, ...toolingElements, { type: 'web', pattern: 'web/src', partialMatch: false }],
      'boundaries/files': [
        { category: 'store-internal', pattern: STORE_INTERNALS },
        { category: 'store-inspect', pattern: STORE_INSPECT },
      ],
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'boundaries/legacy-templates': false,
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkAllOrigins: true,
          checkUnknownLocals: true,
          message: `{{from.type}} may not import '{{dependency.source}}'{{#if to.type}} (in {{to.type}}){{else}} (no such file, or outside every layer){{/if}}: each layer imports only what its row of scripts/layers.js allows (${ARCHITECTURE}).`,
          policies: boundaryPolicies,
        },
      ],
      'boundaries/no-unknown-files': 'error',
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
