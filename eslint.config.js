// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules', 'dist', 'build', 'coverage', 'test-artifacts', '.cache'] },
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
);
