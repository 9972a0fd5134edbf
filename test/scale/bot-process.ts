import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from '../../src/paths';

/** What one `nudges send-due` process printed and how it ended. */
export interface SendDueRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  pid: number;
}

/**
 * Starts `node scripts/nudges.js send-due --at <at>` as a real OS process with `env` added (the
 * compiled app must already be built). `started` resolves with the child, `done` when it exits.
 */
export function startSendDue(at: string, env: Record<string, string>) {
  const root = projectRoot();
  const child = spawn(process.execPath, [join(root, 'scripts', 'nudges.js'), 'send-due', '--at', at], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<SendDueRun>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, stdout, stderr, pid: child.pid ?? 0 })),
  );
  return { child, done };
}

/** The counters line a send-due process printed (its last JSON line), or undefined. */
export function countersOf(run: SendDueRun): Record<string, number> | undefined {
  const line = run.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{') && l.includes('"sent"'));
  return line ? (JSON.parse(line) as Record<string, number>) : undefined;
}
