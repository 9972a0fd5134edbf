import type { Config } from '../config';
import { ConfigError } from '../config';
import type { CosmosStoreOptions } from './cosmos/cosmos-store';
import { createEmbeddedStore, type EmbeddedStoreOptions } from './embedded/embedded-store';
import type { Store } from './port';
import { withRetention } from './retention';

/** Extra adapter options that do not come from the environment (clocks, test client settings). */
export interface CreateStoreOptions {
  embedded?: Partial<EmbeddedStoreOptions>;
  cosmos?: Partial<CosmosStoreOptions>;
}

/**
 * Builds the store chosen by `config.store` (embedded by default, or Cosmos DB), with every record's
 * expiry set on write (RETENTION_DAYS, see store/retention). The store is not initialised: call
 * `init()` before use.
 */
export function createStore(config: Config, opts: CreateStoreOptions = {}): Store {
  if (config.store === 'cosmos') {
    if (!config.cosmosEndpoint) throw new ConfigError('COSMOS_ENDPOINT', 'is required when STORE=cosmos.');
    // A plain-http endpoint is a local emulator or test server: it has no regional endpoints to
    // discover, and discovery would redirect the client to the address the server advertises.
    const local = config.cosmosEndpoint.startsWith('http://')
      ? { clientOptions: { connectionPolicy: { enableEndpointDiscovery: false } } }
      : {};
    // Loaded only when chosen: the Cosmos DB SDK adds ~22 MB of memory to a process that never uses it.
    const { createCosmosStore } = require('./cosmos/cosmos-store') as typeof import('./cosmos/cosmos-store');
    const cosmos = createCosmosStore({
      endpoint: config.cosmosEndpoint,
      key: config.cosmosKey,
      database: config.cosmosDatabase,
      ...local,
      ...opts.cosmos,
    });
    return withRetention(cosmos, config.retentionDays);
  }
  return withRetention(createEmbeddedStore({ dataDir: config.dataDir, ...opts.embedded }), config.retentionDays);
}
