import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/store/port';
import { openTestStore, type StoreKind } from '../support/stores';

export type { StoreKind };

/**
 * The store a team test runs on: undefined = the harness's fresh embedded store; 'cosmos' = a new
 * database on the local Cosmos-compatible server.
 */
export function storeFor(kind: StoreKind): Store | undefined {
  return kind === 'embedded' ? undefined : openTestStore('cosmos');
}

/** A fresh embedded data folder (for tests that open the store themselves). */
export const freshDataDir = (): string => mkdtempSync(join(tmpdir(), 'nudges-team-'));
