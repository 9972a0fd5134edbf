import type { Config } from '../config';
import type { Store } from '../store/port';
import { resolveLinkSigningKey } from './course-links';

/**
 * The server's secret key for keyed hashes of people (roll-out keys, "already counted" markers): the
 * one course links are signed with, LINK_SIGNING_KEY when set (keep it in Key Vault: then the store
 * alone cannot test a directory's ids against the hashes), else the random key made once and kept in
 * the store. The composition roots resolve it once into the config; tools that did not, read it here.
 */
export async function serverKey(deps: { store: Store; config: Pick<Config, 'linkSigningKey'> }): Promise<string> {
  return deps.config.linkSigningKey ?? resolveLinkSigningKey(deps.store, deps.config);
}
