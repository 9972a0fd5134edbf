import type { Store } from '../store/port';

/** What the practice use cases need: the store and the clock. */
export interface PracticeDeps {
  store: Store;
  now: () => Date;
}

/** Who is acting on a practice: a person of a tenant (by the project's person id), and where. */
export interface PracticeActor {
  tenantId: string;
  userId: string;
  /** The team the action came from (absent in personal chat). */
  teamId?: string;
}
