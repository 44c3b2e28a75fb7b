// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const officeAddins = require('eslint-plugin-office-addins');

module.exports = tseslint.config(
  { ignores: ['node_modules', 'dist', 'build', 'lib', 'coverage', 'test-artifacts', '.cache'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Build and tool configuration files are CommonJS run by Node: TypeScript checks none of them.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The core layers run in the add-in, in Node and in jest alike: no Office, React, exceljs or Node built-ins.
    files: ['src/kiva/**/*.ts', 'src/sheet/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'stream', 'zlib'],
              message: 'core layers use no Node built-ins',
            },
            {
              group: [
                'react',
                'react-dom',
                '@fluentui/*',
                'exceljs',
                '**/excel/**',
                '**/app/**',
                '**/taskpane/**',
                '**/server/**',
                '**/cli/**',
              ],
              message: 'core layers depend on nothing above them',
            },
            { group: ['**/dev/**'], message: 'src never imports dev tools' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'Office', 'Excel', 'window', 'document', 'process'],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/kiva/**', 'src/sheet/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/dev/**'], message: 'src never imports dev tools' }] },
      ],
    },
  },
  {
    // Office.js usage (eslint-plugin-office-addins). Its rules read the code syntactically, without types: they
    // take navigation properties (range.dataValidation, selection.worksheet) for unloaded reads and a load() of
    // a constant for an empty load, so the rules that misfire here warn; the others fail the lint.
    files: ['src/excel/**/*.ts', 'src/taskpane/**/*.ts', 'src/taskpane/**/*.tsx'],
    plugins: { 'office-addins': officeAddins },
    rules: {
      'office-addins/no-context-sync-in-loop': 'error',
      'office-addins/call-sync-after-load': 'error',
      'office-addins/no-office-initialize': 'error',
      'office-addins/no-navigational-load': 'error',
      'office-addins/test-for-null-using-isNullObject': 'error',
      'office-addins/load-object-before-read': 'warn',
      'office-addins/call-sync-before-read': 'warn',
      'office-addins/no-empty-load': 'warn',
    },
  },
);
