import { memberKey } from '../../src/conversation/member-key';
import { serverKey } from '../../src/conversation/server-key';
import { recordPracticeMembership, setUpPractice } from '../../src/practice';
import type { Store } from '../../src/store/port';

/**
 * A practice set up the way the bot does it (the setup card's use case), with the given people in
 * its team's roster (the roster read's membership hook). Returns the practice id.
 */
export async function seedPractice(
  store: Store,
  options: {
    tenantId: string;
    teamId: string;
    name: string;
    leadId: string;
    members: readonly string[];
    place?: string;
  },
): Promise<string> {
  const deps = { store, now: () => new Date() };
  const practice = await setUpPractice(
    deps,
    { tenantId: options.tenantId, userId: options.leadId, teamId: options.teamId },
    { name: options.name, place: options.place ?? 'england' },
  );
  // Keyed as the roster read keys members: the server key (LINK_SIGNING_KEY, or the one kept in the store).
  const secret = await serverKey({ store, config: {} });
  for (const userId of options.members) {
    await recordPracticeMembership(
      store,
      { tenantId: options.tenantId, teamId: options.teamId, key: memberKey(secret, options.tenantId, userId), userId },
      'joined',
      new Date().toISOString(),
    );
  }
  return practice.practiceId;
}
