// Lint for src/ and test/ (run from the repository root: `npm run lint`). Flat config, typescript-eslint.
// It fences the core (src/core/: runs in Node and in a browser page) from Node, TensorFlow.js and the
// Node shell's folders, and refuses import cycles anywhere.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const SHELL = ['src/cli.ts', 'src/grade.ts', 'src/finish-rows.ts', 'src/verify-accuracy.ts', 'src/stats.ts', 'src/ingest', 'src/integrity', 'src/inspect', 'src/parallel', 'src/report', 'src/rubric', 'src/trainer'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'fixtures/**', 'test/lint/**', 'bench/**/*.py'] },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { projectService: true } },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.json', 'test/tsconfig.json'], noWarnOnMultipleProjects: true })],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // the core: what a browser has, and nothing of the shell
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The core runs in a browser: no Node modules (the Node shell passes data in).' },
            { group: ['fs', 'fs/*', 'path', 'os', 'crypto', 'worker_threads', 'child_process', 'module', 'url', 'buffer'], message: 'The core runs in a browser: no Node modules.' },
            { group: ['@tensorflow/*'], message: 'The core never loads TensorFlow.js (src/core/describe-layers.ts counts parameters).' },
            { group: ['iconv-lite', 'csv-parse', 'csv-parse/*', 'csv-stringify', 'csv-stringify/*', 'yauzl', 'yargs', 'yargs/*', 'vega', 'vega-lite', 'markdown-it', 'highlight.js'], message: 'A shell dependency: the core takes and returns plain data.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'Buffer', message: 'Use Uint8Array, TextDecoder and TextEncoder in the core.' },
        { name: 'process', message: 'The core runs in a browser.' },
        { name: 'require', message: 'The core is an ES module.' },
        { name: '__dirname', message: 'The core runs in a browser.' },
      ],
      'import-x/no-restricted-paths': ['error', { zones: [{ target: './src/core', from: SHELL, message: 'The core never imports the Node shell.' }] }],
    },
  },
  {
    // the per-notebook path: Node 20's V8 builds `{ ...o, key }` on a slow path (bench/object-spread.ts)
    files: ['src/core/**/*.ts', 'src/grade.ts', 'src/finish-rows.ts', 'src/parallel/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ObjectExpression > SpreadElement + Property',
          message: 'A spread followed by more properties is slow in Node 20 (0.7–3 µs an object): use withProps() from src/core/util/objects.ts, or write the object out.',
        },
      ],
    },
  },
);
