/**
 * `npm run guide:check`: are the guide's screenshots still pictures of today's pane? Compares the sources they show
 * (dev/guide/shots.ts, SHOWN_SOURCES) with the fingerprint docs/guide/screenshots.json recorded when they were taken.
 * Fast (no browser): it reads files. Exit 0 when nothing changed, 1 with the changed files and the command that
 * takes the pictures again. Deliberately not part of `npm test` (see docs/guide/MAINTAINING.md).
 */
import { changedSince, readShotsRecord, RESHOOT_COMMAND } from './shots';

const changed = changedSince(readShotsRecord());
if (changed.length === 0) {
  console.log('The guide’s screenshots are up to date with the pane.');
} else {
  console.error(`The pane changed since the guide's screenshots were taken (${changed.length} files):`);
  for (const file of changed) console.error(`  ${file}`);
  console.error(`Take them again with: ${RESHOOT_COMMAND}   (then look at them and commit docs/guide)`);
  process.exit(1);
}
