/** `npx nudges` with no command, with a help word, and with an unknown word. */
import { runCli } from '../../src/cli';

function capture(): { out: string[]; err: string[]; restore(): void } {
  const out: string[] = [];
  const err: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  const error = jest.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  return {
    out,
    err,
    restore: () => {
      log.mockRestore();
      error.mockRestore();
    },
  };
}

describe('nudges usage', () => {
  it.each(['--help', '-h', 'help'])('"%s" prints the commands to standard output and exits 0', async (word) => {
    const c = capture();
    try {
      expect(await runCli([word])).toBe(0);
    } finally {
      c.restore();
    }
    expect(c.err).toEqual([]);
    expect(c.out.join('\n')).toMatch(/^Usage: nudges <command>[\s\S]*rollout[\s\S]*send-due/);
  });

  it('names an unknown command, prints the commands to standard error and exits 2', async () => {
    const c = capture();
    try {
      expect(await runCli(['sned-due'])).toBe(2);
    } finally {
      c.restore();
    }
    expect(c.out).toEqual([]);
    expect(c.err[0]).toBe('Unknown command "sned-due".');
    expect(c.err.join('\n')).toMatch(/Usage: nudges <command>/);
  });
});
