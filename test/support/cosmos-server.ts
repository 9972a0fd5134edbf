import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The emulator's well-known master key; @vercel/cosmosdb-server accepts any key. */
export const COSMOS_TEST_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVbqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

/** A running local Cosmos-compatible server (plain HTTP on 127.0.0.1). */
export interface CosmosTestServer {
  endpoint: string;
  /** Stops listening and drops open connections: clients then see connection refused. Data is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same data. */
  restart(): Promise<void>;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Starts @vercel/cosmosdb-server in plain HTTP mode on an OS-chosen loopback port (its bundled TLS
 * certificate expired in 2021, so HTTPS is not used). Use with
 * `connectionPolicy: { enableEndpointDiscovery: false }` in the CosmosClient.
 */
export async function startCosmosServer(): Promise<CosmosTestServer> {
  // Required here, not imported at the top: loading the server package costs about 1.4 s of CPU, and
  // every test file on Cosmos imports this module for sharedCosmosEndpoint() but only jest's main
  // process (global setup) and a few outage tests start a server.
  const { createHttpServer } = require('@vercel/cosmosdb-server') as typeof import('@vercel/cosmosdb-server');
  const server = createHttpServer();
  await listen(server, 0);
  // The package makes a fresh in-memory account on every 'listening' event; dropping its listener
  // after the first start keeps the data across stop()/restart().
  server.removeAllListeners('listening');
  const { port } = server.address() as AddressInfo;
  let running = true;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    async stop() {
      if (!running) return;
      running = false;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    async restart() {
      if (running) return;
      await listen(server, port);
      running = true;
    },
  };
}

/** Where global setup leaves the shared server's endpoint for worker processes (keyed by jest's pid). */
export function endpointFile(pid: number): string {
  return join(tmpdir(), `leadership-nudges-cosmos-endpoint-${pid}`);
}

/**
 * The endpoint of the Cosmos-compatible server that jest's global setup started, for tests that
 * share it (use a unique database name per test file). Throws when there is none.
 */
export function sharedCosmosEndpoint(): string {
  const fromEnv = process.env.COSMOS_TEST_ENDPOINT;
  if (fromEnv) return fromEnv;
  for (const pid of [process.ppid, process.pid]) {
    const file = endpointFile(pid);
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  }
  throw new Error('No shared Cosmos test server: run the tests through jest (globalSetup starts it).');
}
