import { fork, type ChildProcess } from 'node:child_process';

/**
 * A benchmark helper process (compiled JS under dist/) driven over IPC: each `call` sends a
 * command with an id and resolves with the reply carrying the same id.
 */
export class BenchChild {
  private seq = 0;
  private readonly waiting = new Map<number, (v: unknown) => void>();
  private readonly exited: Promise<number | null>;
  private constructor(
    readonly child: ChildProcess,
    readonly hello: Record<string, unknown>,
  ) {
    child.on('message', (m: { id?: number }) => {
      if (m.id !== undefined) this.waiting.get(m.id)?.(m);
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Forks `script` with `env` added and resolves once it sends its first (hello) message. */
  static start(
    script: string,
    env: Record<string, string | undefined> = {},
    execArgv: string[] = [],
  ): Promise<BenchChild> {
    const child = fork(script, [], { env: { ...process.env, ...env }, execArgv });
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
      child.once('message', (m: Record<string, unknown>) => resolve(new BenchChild(child, m)));
    });
  }

  call<T>(cmd: Record<string, unknown>): Promise<T> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (v) => resolve(v as T));
      void this.exited.then((code) => reject(new Error(`bench child exited with ${code}`)));
      this.child.send({ ...cmd, id });
    });
  }

  /** Waits for the process to exit (after asking it to with `close` when it still runs). */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.connected) this.child.send({ cmd: 'close', id: 0 });
    await this.exited;
  }
}
