import { loadContent } from '../../src/content/load';
import { applyCountChange } from '../../src/conversation/running-counts';
import type { Store } from '../../src/store/port';
import { person } from '../support/activities';
import { practiceGroupId } from '../../src/domain';
import { seedPractice } from '../practice/seed-practice';

const content = loadContent();

/** Reflection text seeded for every person: it must never reach an insights card or the stats output. */
export const SECRET = 'my private reflection about the practice';

/** The seeded practice's name: letters only (100 -> 'Practice BAA'), so no digit in a card is a name. */
export const practiceNameOf = (from: number): string =>
  `Practice ${[...String(from)].map((d) => 'ABCDEFGHIJ'[Number(d)]).join('')}`;

/**
 * Seeds `n` people of a tenant who got a nudge last week, answered its poll with a self-rating
 * (counted in their practice, as a poll answer counts), and reflected. They are the members of one
 * practice (set up as the bot does, `person(from)` its lead), whose id is returned.
 */
export async function seedPeople(store: Store, tenantId: string, n: number, from: number): Promise<string> {
  const nudge = content.nudges[0]!;
  const practiceId = await seedPractice(store, {
    tenantId,
    teamId: `19:team-seed-${from}@thread.tacv2`,
    name: practiceNameOf(from),
    leadId: person(from, tenantId).aadObjectId,
    members: Array.from({ length: n }, (_, i) => person(from + i, tenantId).aadObjectId),
  });
  const groupId = practiceGroupId(practiceId);
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
      groupId,
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
        groupId,
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
  return practiceId;
}
