/**
 * `npm pack` ships npm-shrinkwrap.json, a copy of package-lock.json: `npm install -g kiva-sheets-x.y.z.tgz` then
 * installs exactly the dependency versions this repository was tested with (a package-lock.json is never read
 * from a tarball). The copy exists only while packing (prepack writes it, postpack removes it), since npm would
 * prefer it over package-lock.json for every command run in the repository.
 *
 *   tsx dev/build/shrinkwrap.ts write|remove [folder]
 */
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

export function writeShrinkwrap(from = ROOT, to = ROOT): void {
  const pkg = JSON.parse(readFileSync(join(from, 'package.json'), 'utf8')) as { version: string };
  const lock = JSON.parse(readFileSync(join(from, 'package-lock.json'), 'utf8')) as { version?: string };
  if (lock.version !== pkg.version) {
    throw new Error(`package-lock.json is for version ${lock.version}, package.json says ${pkg.version}: npm install`);
  }
  copyFileSync(join(from, 'package-lock.json'), join(to, 'npm-shrinkwrap.json'));
}

export function removeShrinkwrap(folder = ROOT): void {
  rmSync(join(folder, 'npm-shrinkwrap.json'), { force: true });
}

if (require.main === module) {
  const [action, folder] = process.argv.slice(2);
  const target = folder === undefined ? ROOT : resolve(folder);
  if (action === 'write') writeShrinkwrap(ROOT, target);
  else if (action === 'remove') removeShrinkwrap(target);
  else {
    console.error('usage: tsx dev/build/shrinkwrap.ts write|remove [folder]');
    process.exit(2);
  }
}
