import { VERBS } from '../../src/cards/verbs';
import { cardActionActivity, installActivity, messageActivity, person, type Person } from '../support/activities';
import { cardOf, cardText, startHarness, type Harness } from '../support/bot-harness';
import { serveRoster, type ConnectorRoster } from '../support/connector-roster';
import { botAddedToTeam, teamChannel } from '../team/team-activities';

type InvokeBody = { statusCode: number; value: Record<string, unknown> };

/**
 * The invite's Start / No thanks and the delete confirmation change the card for good, like the seven
 * other card-changing verbs: Teams replaces the card only on the clicking device, so the bot PUTs the
 * answered card over the clicked message (`PUT /v3/conversations/{id}/activities/{activityId}`) and a
 * phone no longer shows the old buttons.
 */
describe('Start, No thanks and the delete confirmation are written over their message', () => {
  let h: Harness;
  let roster: ConnectorRoster;
  const team = teamChannel(61);
  const staff: Person[] = Array.from({ length: 3 }, (_, i) => person(610 + i));
  const chatOf = (p: Person) => roster.conversationIdOf(p.teamsId);

  beforeAll(async () => {
    h = await startHarness();
    roster = serveRoster(h.connector);
    roster.setMembers(
      team.teamId,
      staff.map((p) => ({ teamsId: p.teamsId, aadObjectId: p.aadObjectId, tenantId: p.tenantId })),
    );
    await h.post(botAddedToTeam(h.connector.url, team));
    await h.app.delivery.tick();
  });
  afterAll(async () => h.close());

  /** The click as Teams sends it from the message `replyToId`, in the chat `conversationId`. */
  const click = async (p: Person, conversationId: string, verb: string, data: unknown, replyToId: string) => {
    const res = await h.post(cardActionActivity({ ...p, conversationId }, h.connector.url, verb, data, { replyToId }));
    expect(res.status).toBe(200);
    return (res.body as InvokeBody).value;
  };
  const putsTo = (conversationId: string, activityId: string) =>
    h.connector.sentTo(conversationId).filter((a) => a.method === 'PUT' && a.activityId === activityId);
  const inviteTo = (p: Person) => {
    const invite = h.connector.sentTo(chatOf(p)).filter((a) => a.method === 'POST')[0];
    expect(cardText(cardOf(invite))).toMatch(/Start my nudges/);
    return invite!;
  };

  it.each([
    ['consent.start', VERBS.consentStart, 0],
    ['consent.decline', VERBS.consentDecline, 1],
  ])('%s: the answered card replaces the invite on every device', async (_name, verb, who) => {
    const p = staff[who]!;
    const invite = inviteTo(p);
    const shown = await click(p, chatOf(p), verb, { source: 'invite' }, invite.assignedId);
    expect(cardText(shown)).not.toMatch(/Sorry, that did not work/);
    await h.app.followUps.settled();
    const puts = putsTo(chatOf(p), invite.assignedId);
    expect(puts).toHaveLength(1);
    expect(cardOf(puts[0])).toEqual(shown);
    expect(puts[0]?.body).toMatchObject({ type: 'message', id: invite.assignedId });
    // The invite's buttons are gone (Start brings the welcome form, whose own button saves the form).
    expect(JSON.stringify(cardOf(puts[0]))).not.toMatch(/consent\.(start|decline)/);
  });

  it.each([
    ['data.delete.confirm', VERBS.dataDeleteConfirm, /Your data is deleted/],
    ['data.delete.cancel', VERBS.dataDeleteCancel, /Nothing deleted/],
  ])('%s: the answer replaces the delete confirmation on every device', async (_name, verb, answer) => {
    const p = person(`del-${verb}`);
    await h.post(installActivity(p, h.connector.url));
    await h.post(messageActivity(p, h.connector.url, 'delete my data'));
    const confirm = h.connector.sentTo(p.conversationId).at(-1)!;
    expect(JSON.stringify(cardOf(confirm))).toContain(VERBS.dataDeleteConfirm);
    const shown = await click(p, p.conversationId, verb, {}, confirm.assignedId);
    expect(cardText(shown)).toMatch(answer);
    await h.app.followUps.settled();
    const puts = putsTo(p.conversationId, confirm.assignedId);
    expect(puts).toHaveLength(1);
    expect(cardOf(puts[0])).toEqual(shown);
    expect(JSON.stringify(cardOf(puts[0]))).not.toContain(VERBS.dataDeleteConfirm);
  });
});
