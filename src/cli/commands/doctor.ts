/**
 * `doctor`: the connection check, for a partner's first day with real credentials and for Kiva support. The report
 * goes to standard output (it is the result: redirect it to a file and send it); it holds no secret and no token.
 */
import { version } from '../../../package.json';
import { doctor, doctorText } from '../../app';
import { EXIT, json, type Context } from './context';

export async function doctorCommand(ctx: Context): Promise<number> {
  const port = ctx.kiva.doctor();
  // main() refuses a run without credentials before any command starts; this is the type system's way of knowing.
  if (port === undefined) return EXIT.usage;
  const report = await doctor(port, { now: Date.now, signal: ctx.signal });
  ctx.output.out(doctorText(report, ctx.config.language, { version }).trimEnd());
  json(ctx, {
    doctor: report.outcome,
    environment: report.environment.name,
    problems: report.lines.filter((line) => line.status === 'problem').map((line) => line.check),
    lines: report.lines.map((line) => ({
      check: line.check,
      status: line.status,
      code: line.code,
      params: line.params,
      ...(line.error !== undefined ? { kiva: line.error.code } : {}),
    })),
    exit: report.exit,
  });
  return report.exit;
}
