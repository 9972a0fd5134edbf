import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCliContext } from '../../src/cli/context';
import { runExportUser } from '../../src/cli/data-rights';
import { loadContent } from '../../src/content/load';
import type { DeliveryRecord } from '../../src/domain';
import { person, TENANT } from '../support/activities';
import { startHarness, type Harness } from '../support/bot-harness';
import { STORE_KINDS, type StoreKind } from '../support/stores';
import { botAddedToTeam, channelCardAction, teamChannel } from '../team/team-activities';
import { storeFor } from '../team/test-stores';

/**
 * Security review 2026-12-07 L7 (issue 23.11): IT's subject-access command found nothing for someone
 * who only answered team polls ("I do not have your details yet"), though their answer and vote were
 * stored. It must find every record that is theirs.
 */

const content = loadContent();

describe.each<StoreKind>(STORE_KINDS)('nudges export-user for a team-poll-only person (%s store)', (kind) => {
  let h: Harness;
  let clock = new Date('2026-11-26T10:00:00.000Z');
  const dir = mkdtempSync(join(tmpdir(), 'nudges-sar-'));

  beforeAll(async () => {
    h = await startHarness({ store: storeFor(kind), now: () => clock, env: { ALLOWED_TENANTS: TENANT } });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exportUser = async (id: string) => {
    const out = join(dir, `${id}-${kind}.json`);
    const cli = createCliContext({ config: h.config, store: h.app.store, now: () => clock });
    const rc = await runExportUser(['--user', id, '--out', out], cli);
    return { rc, out };
  };

  it('exports the team poll answer and vote of someone who never chatted with the bot', async () => {
    const where = teamChannel(980);
    await h.post(botAddedToTeam(h.connector.url, where));
    clock = new Date('2026-11-30T09:00:30.000Z');
    await h.app.delivery.tick(clock);
    const delivery = ((await h.app.store.deliveries.query({ partitionKey: where.teamId })) as DeliveryRecord[])[0]!;
    const nudge = content.teamNudges!.find((n) => n.id === delivery.teamNudgeId)!;
    const member = person(9801);
    await h.post(
      channelCardAction(member, h.connector.url, where, 'team.poll.answer', {
        teamId: where.teamId,
        deliveryId: delivery.id,
        nudgeId: nudge.id,
        pollId: nudge.poll.id,
        optionId: nudge.poll.options[2]!.id,
      }),
    );
    expect(await h.app.store.users.get(member.aadObjectId, member.aadObjectId)).toBeUndefined();
    expect(await h.app.store.responses.count({ partitionKey: member.aadObjectId })).toBe(2);

    const { rc, out } = await exportUser(member.aadObjectId);
    expect(rc).toBe(0);
    const data = JSON.parse(readFileSync(out, 'utf8')) as {
      pollAnswers: { optionId: string; groupId: string }[];
      pollVotes: { optionId: string }[];
    };
    expect(data.pollAnswers.map((a) => [a.groupId, a.optionId])).toEqual([[where.teamId, nudge.poll.options[2]!.id]]);
    expect(data.pollVotes.map((v) => v.optionId)).toEqual([nudge.poll.options[2]!.id]);
  });

  it('still says so, and writes nothing, for someone of whom nothing is stored', async () => {
    const { rc } = await exportUser(person(9802).aadObjectId);
    expect(rc).toBe(1);
  });
});
