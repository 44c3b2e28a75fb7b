import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder of Kiva Sheets' package.json, where dist/, assets/ and manifest.xml are: found by walking up from
 * `from`, since this file runs from src/server/config in a checkout and from lib/ (one bundle) when installed.
 */
export function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurs(manifest)) return dir;
    if (dirname(dir) === dir) throw new Error(`no kiva-sheets package.json above ${from}`);
  }
}

function isOurs(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === 'kiva-sheets';
  } catch {
    return false;
  }
}
