import { createServer } from 'node:net';

/** Asks the OS for a TCP port that is free on loopback right now (closed again before returning). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('E2E_NO_FREE_PORT: the OS gave no port'))));
    });
  });
}
