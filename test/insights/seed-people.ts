import { loadContent } from '../../src/content/load';
import { applyCountChange } from '../../src/conversation/running-counts';
import type { Store } from '../../src/store/port';
import { person } from '../support/activities';

const content = loadContent();

/** Reflection text seeded for every person: it must never reach an insights card or the stats output. */
export const SECRET = 'my private reflection about the practice';

/** Seeds `n` people of a tenant who got a nudge last week, answered its poll with a self-rating (counted), and reflected. */
export async function seedPeople(store: Store, tenantId: string, n: number, from: number): Promise<void> {
  const nudge = content.nudges[0]!;
  for (let i = 0; i < n; i++) {
    const userId = person(from + i, tenantId).aadObjectId;
    const deliveryId = `${userId}|2026-W48`;
    const at = '2026-11-23T09:00:00.000Z';
    await store.users.create({
      id: userId,
      userId,
      tenantId,
      conversation: {
        serviceUrl: 'https://smba.example/',
        conversationId: `a:${userId}`,
        tenantId,
        channelId: 'msteams',
      },
      prefs: { role: 'other', timeZone: 'Europe/London', day: 'mon', time: '09:00', frequency: 'weekly', focus: [] },
      onboarded: true,
      status: 'active',
      history: { seen: [], notUseful: [], sentCount: 1 },
      createdAt: at,
      updatedAt: at,
    });
    await store.deliveries.create({
      id: deliveryId,
      ownerId: userId,
      ownerKind: 'user',
      tenantId,
      period: '2026-W48',
      kind: 'scheduled',
      nudgeId: nudge.id,
      behaviourId: nudge.behaviour,
      state: 'sent',
      attempts: 1,
      dueAt: at,
      createdAt: at,
      updatedAt: at,
      sentAt: at,
    });
    await store.responses.create({
      id: `poll|${deliveryId}`,
      kind: 'poll',
      userId,
      tenantId,
      groupId: tenantId,
      deliveryId,
      nudgeId: nudge.id,
      behaviourId: nudge.behaviour,
      pollId: nudge.poll.id,
      optionId: nudge.poll.options[1]!.id,
      rating: 4,
      answeredAt: at,
    });
    // the running count, as a poll answer moves it: one vote per person, published at 5, 10, 15...
    await applyCountChange(
      store,
      {
        groupId: tenantId,
        tenantId,
        pollId: nudge.poll.id,
        behaviourId: nudge.behaviour,
        to: { optionId: nudge.poll.options[1]!.id, rating: 4 },
        opId: `seed-${userId}`,
      },
      at,
      { publishStep: 5 },
    );
    await store.responses.create({
      id: `refl|${deliveryId}`,
      kind: 'reflection',
      userId,
      tenantId,
      deliveryId,
      nudgeId: nudge.id,
      behaviourId: nudge.behaviour,
      text: SECRET,
      savedAt: at,
    });
  }
}
