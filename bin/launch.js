'use strict';
/**
 * Where a command's code comes from. An installed package holds the compiled JavaScript (lib/, built by
 * `npm run build:node` before `npm pack`) and no src/; a checkout of the repository runs its TypeScript sources
 * through tsx, so that what the tests run is always the code as it is now, never a stale build.
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

/** @param {string} bundle lib/<bundle>.js  @param {string} source the same entry point under src/ */
function load(bundle, source) {
  if (existsSync(join(ROOT, 'src'))) {
    require('tsx/cjs/api').register();
    return require(join(ROOT, source));
  }
  return require(join(ROOT, 'lib', `${bundle}.js`));
}

module.exports = { load };
