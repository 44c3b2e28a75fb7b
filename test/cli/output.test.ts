import { createOutput } from '../../src/cli/output';

function capture(tty: boolean) {
  const err: string[] = [];
  const out: string[] = [];
  const output = createOutput(
    { stdout: (t) => out.push(t), stderr: (t) => err.push(t), stderrIsTty: tty },
    'en',
    (text) => text.split('s3cret').join('[redacted]'),
  );
  return { output, err, out };
}

describe('what the command line prints', () => {
  it('draws a bar on a terminal, ended before the next line', () => {
    const { output, err } = capture(true);
    output.progress({ phase: 'sending', done: 0, total: 4 });
    output.progress({ phase: 'sending', done: 4, total: 4 });
    output.err('done');
    expect(err.join('')).toMatch(
      /^\rSending \[░{30}\] 0% {2}0\/4 rows done\rSending \[█{30}\] 100% {2}4\/4 rows done\ndone\n$/,
    );
  });

  it('prints a plain line at each tenth when not on a terminal', () => {
    const { output, err } = capture(false);
    output.progress({ phase: 'reading' });
    for (let done = 0; done <= 100; done++) output.progress({ phase: 'sending', done, total: 100 });
    expect(err).toHaveLength(12);
    expect(err[0]).toBe('Reading the workbook…\n');
    expect(err[1]).toBe('Sending: 0/100 rows done (0%)\n');
    expect(err[11]).toBe('Sending: 100/100 rows done (100%)\n');
  });

  it('never prints the secret, on either stream', () => {
    const { output, err, out } = capture(false);
    output.out('{"body":"s3cret"}');
    output.err('token s3cret refused');
    expect([...out, ...err].join('')).not.toContain('s3cret');
  });
});
