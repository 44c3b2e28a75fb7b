/**
 * Where the command line speaks: results on stdout, everything for the person (issues, progress, summaries) on
 * stderr. Every line passes the secret filter first, so a secret echoed by anything never reaches a terminal or a
 * log file that captures it.
 */
import type { AppProgress } from '../app';
import { say, texts } from './texts';
import type { MessageLanguage } from '../sheet';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** A terminal gets a progress bar; a pipe or a log file gets plain lines. */
  stderrIsTty: boolean;
}

export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** The `--json` summary line; `summarised` says whether it was written. */
  json(value: Record<string, unknown>): void;
  readonly summarised: boolean;
  /** The last `kiva-sheets: …` error said on stderr, without the prefix (the `--json` error line repeats it). */
  readonly lastError: string | undefined;
  /** Ends a progress bar line before anything else is written below it. */
  endProgress(): void;
  progress(progress: AppProgress): void;
}

const ERROR_PREFIX = 'kiva-sheets: ';

export function createOutput(io: CliIo, language: MessageLanguage, redact: (text: string) => string): Output {
  const t = texts(language);
  let barOpen = false;
  let lastDraw = 0;
  let lastStep = -1;
  let phase: AppProgress['phase'] | undefined;
  let summarised = false;
  let lastError: string | undefined;

  const endProgress = (): void => {
    if (barOpen) io.stderr('\n');
    barOpen = false;
  };
  const err = (line: string): void => {
    endProgress();
    const redacted = redact(line);
    if (redacted.startsWith(ERROR_PREFIX)) lastError = redacted.slice(ERROR_PREFIX.length);
    io.stderr(`${redacted}\n`);
  };
  const out = (line: string): void => io.stdout(`${redact(line)}\n`);

  return {
    out,
    err,
    json(value) {
      out(JSON.stringify(value));
      summarised = true;
    },
    get summarised() {
      return summarised;
    },
    get lastError() {
      return lastError;
    },
    endProgress,
    progress(p) {
      if (p.phase !== phase) {
        phase = p.phase;
        lastStep = -1;
        if (p.phase !== 'sending') err(t.phases[p.phase]);
      }
      if (p.phase !== 'sending' || p.total === undefined || p.done === undefined) return;
      const ratio = p.total === 0 ? 1 : p.done / p.total;
      if (io.stderrIsTty) {
        const now = Date.now();
        if (p.done !== p.total && now - lastDraw < 100) return;
        lastDraw = now;
        const filled = Math.round(ratio * 30);
        const bar = `${'█'.repeat(filled)}${'░'.repeat(30 - filled)}`;
        io.stderr(`\r${t.phases.sending} [${bar}] ${Math.floor(ratio * 100)}%  ${p.done}/${p.total} ${t.rowsDone}`);
        barOpen = true;
        return;
      }
      // A pipe gets a line at each tenth, not one per request.
      const step = Math.floor(ratio * 10);
      if (step === lastStep) return;
      lastStep = step;
      err(
        say('{phase}: {done}/{total} {rows} ({percent}%)', {
          phase: t.phases.sending,
          done: p.done,
          total: p.total,
          rows: t.rowsDone,
          percent: step * 10,
        }),
      );
    },
  };
}
