// @ts-check
/**
 * The task pane page (also the ribbon's function file): `npm run build` → dist/ (taskpane.html, JS chunks, assets/,
 * manifest.xml), which the server serves.
 *
 * office.js: the page deployed to Excel loads it from Microsoft's CDN, as Office requires. Machines that cannot
 * reach the CDN (the workbench, browser tests) choose another source or none:
 *   npx webpack --env officeJs=/office.js      (or KIVA_SHEETS_OFFICE_JS=/office.js)
 *   npx webpack --env officeJs=none            (no script: index.tsx then renders without Office)
 * `createConfig({...})` is exported for tools that run webpack themselves (webpack-dev-middleware).
 *
 * The workbench (a dev tool, dev/workbench) has its own configuration, `createWorkbenchConfig`, which `npm start`
 * and the browser tests run; `npm run build` builds the add-in only.
 */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { guidePatterns } = require('./dev/guide/render-html');

const OFFICE_JS_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/**
 * Office's webviews: Edge WebView2 (Windows, Chromium) and WKWebView (Mac, iPad: Safari 15+ on supported macOS).
 * Syntax is lowered for these only, and no polyfills are added.
 */
const TARGETS = { chrome: '100', edge: '100', safari: '15' };

/**
 * @param {{ mode?: 'production' | 'development', officeJs?: string, outputPath?: string }} [options]
 * @returns {import('webpack').Configuration}
 */
function createConfig(options = {}) {
  const mode = options.mode ?? 'production';
  const production = mode === 'production';
  const officeJsOption = options.officeJs ?? process.env.KIVA_SHEETS_OFFICE_JS ?? OFFICE_JS_CDN;
  const officeJs = officeJsOption === 'none' || officeJsOption === '' ? null : officeJsOption;

  return {
    mode,
    context: __dirname,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      // Microsoft sign-in in an Office dialog, where Office has no nested app authentication (src/taskpane/auth).
      'sign-in-dialog': './src/taskpane/auth/dialog-entry.ts',
    },
    output: {
      path: options.outputPath ?? path.join(__dirname, 'dist'),
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      // Relative URLs: the server may mount the pane anywhere, and the manifest's host name changes per install.
      publicPath: 'auto',
      clean: true,
    },
    devtool: production ? false : 'eval-cheap-module-source-map',
    resolve: { extensions: ['.tsx', '.ts', '.mjs', '.js'] },
    module: { rules: moduleRules(production) },
    optimization: {
      // One cacheable vendor chunk for the page's first load; lazy panels and msal split off on their own.
      splitChunks: {
        chunks: 'all',
        cacheGroups: {
          vendors: { test: /[\\/]node_modules[\\/]/, name: 'vendors', chunks: 'initial', priority: -10 },
        },
      },
      runtimeChunk: 'single',
    },
    // The budget is measured gzipped by bench/taskpane.bench.ts; webpack's hints only know raw sizes.
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
        templateParameters: { officeJs },
      }),
      new HtmlWebpackPlugin({
        template: './src/taskpane/auth/sign-in-dialog.html',
        filename: 'sign-in-dialog.html',
        chunks: ['sign-in-dialog'],
        scriptLoading: 'defer',
        templateParameters: { officeJs },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          { from: 'manifest.xml', to: 'manifest.xml' },
          // The coordinator's guide as pages beside the pane, for its Help link (dev/guide/render-html.js).
          ...guidePatterns(),
        ],
      }),
    ],
    stats: production ? 'normal' : 'minimal',
  };
}

/**
 * The TypeScript loader and the purity hint, shared by the add-in and the workbench so both compile the pane alike.
 * @param {boolean} production
 * @returns {import('webpack').RuleSetRule[]}
 */
function moduleRules(production) {
  return [
    {
      // The core layers are pure (architecture.md): a barrel import of src/sheet then carries only what the
      // pane uses (messages, addresses, field lists), not the converters.
      test: /[\\/]src[\\/](sheet|kiva|i18n)[\\/]/,
      sideEffects: false,
    },
    {
      test: /\.[cm]?[jt]sx?$/,
      exclude: /node_modules/,
      use: {
        loader: 'swc-loader',
        options: {
          env: { targets: TARGETS },
          jsc: {
            parser: { syntax: 'typescript', tsx: true },
            transform: { react: { runtime: 'automatic', development: !production } },
          },
          // Keep ES modules for webpack: tree shaking and code splitting depend on them.
          module: { type: 'es6' },
        },
      },
    },
  ];
}

/** Where the workbench is built: git-ignored, apart from the add-in's dist/. */
const WORKBENCH_OUTPUT = path.join(__dirname, 'build', 'workbench');

/**
 * The workbench (dev/workbench): the real task pane beside a simulated workbook, served by `npm start` at
 * /workbench.html. A development tool: never built into dist/, never loads office.js (the simulation stands in).
 * The filesystem cache makes the builds after the first one (npm start, the browser tests) take seconds.
 * @param {{ mode?: 'production' | 'development', outputPath?: string, cacheDirectory?: string | false }} [options]
 * @returns {import('webpack').Configuration}
 */
function createWorkbenchConfig(options = {}) {
  const mode = options.mode ?? 'development';
  const production = mode === 'production';
  return {
    name: 'workbench',
    mode,
    context: __dirname,
    entry: { workbench: './dev/workbench/main.tsx' },
    output: {
      path: options.outputPath ?? WORKBENCH_OUTPUT,
      filename: '[name].js',
      chunkFilename: '[name].js',
      // The page is served at /workbench.html and its scripts under /workbench/.
      publicPath: '/workbench/',
      clean: true,
    },
    devtool: production ? false : 'cheap-module-source-map',
    resolve: { extensions: ['.tsx', '.ts', '.mjs', '.js'] },
    module: { rules: moduleRules(production) },
    cache:
      options.cacheDirectory === false
        ? false
        : {
            type: 'filesystem',
            cacheDirectory: options.cacheDirectory ?? path.join(__dirname, 'build', '.cache', 'workbench'),
            buildDependencies: { config: [path.join(__dirname, 'webpack.config.js')] },
          },
    performance: { hints: false },
    plugins: [
      new HtmlWebpackPlugin({
        template: './dev/workbench/workbench.html',
        filename: 'workbench.html',
        scriptLoading: 'defer',
      }),
    ],
    stats: 'errors-warnings',
  };
}

/** webpack-cli: `--mode` and `--env officeJs=…` arrive here. */
module.exports = (env = {}, argv = {}) =>
  createConfig({
    mode: argv.mode === 'development' ? 'development' : 'production',
    ...(typeof env.officeJs === 'string' ? { officeJs: env.officeJs } : {}),
  });
module.exports.createConfig = createConfig;
module.exports.createWorkbenchConfig = createWorkbenchConfig;
module.exports.WORKBENCH_OUTPUT = WORKBENCH_OUTPUT;
module.exports.OFFICE_JS_CDN = OFFICE_JS_CDN;
