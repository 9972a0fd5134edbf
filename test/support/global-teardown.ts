import { appendFileSync, rmSync } from 'node:fs';
import { endpointFile } from './cosmos-server';

/** Stops the shared Cosmos-compatible server started by global setup. */
export default async function globalTeardown(): Promise<void> {
  await globalThis.__COSMOS_TEST_SERVER__?.stop();
  globalThis.__COSMOS_TEST_SERVER__ = undefined;
  rmSync(endpointFile(process.pid), { force: true });
  if (process.env.TEST_CPU_REPORT) {
    // Jest's own process: scheduling, reporting, and the shared Cosmos-compatible server's work.
    const cpu = process.cpuUsage();
    const line = { file: '(jest main process and the shared Cosmos server)', cpuS: (cpu.user + cpu.system) / 1e6 };
    appendFileSync(process.env.TEST_CPU_REPORT, `${JSON.stringify(line)}\n`);
  }
}
