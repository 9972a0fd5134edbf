import {
  cardActionActivity,
  messageActivity,
  teamAddedActivity,
  type ActivityJson,
  type Person,
} from '../support/activities';

/** The bot's id in the fixtures (the recipient of every activity). */
export const BOT_ID = '28:00000000-0000-0000-0000-00000000b07';

/** Where a team activity happens: the team (its id is also the General channel) and a channel. */
export interface TeamChannel {
  teamId: string;
  channelId: string;
}

export const teamChannel = (n: number): TeamChannel => ({
  teamId: `19:team-${n}@thread.tacv2`,
  channelId: `19:team-${n}@thread.tacv2`,
});

function inChannel(a: ActivityJson, p: Person, where: TeamChannel): ActivityJson {
  return {
    ...a,
    conversation: {
      isGroup: true,
      conversationType: 'channel',
      tenantId: p.tenantId,
      id: `${where.channelId};messageid=1700000000${Math.floor(Math.random() * 1000)}`,
    },
    channelData: {
      ...(a.channelData as object),
      team: { id: where.teamId },
      channel: { id: where.channelId },
      tenant: { id: p.tenantId },
    },
  };
}

/** A message typed in a team channel that @mentions the bot, as Teams sends it. */
export function channelMessage(p: Person, serviceUrl: string, where: TeamChannel, text: string): ActivityJson {
  const mention = '<at>Leadership Nudges</at>';
  return inChannel(
    messageActivity(p, serviceUrl, `${mention} ${text}`, {
      entities: [{ type: 'mention', text: mention, mentioned: { id: BOT_ID, name: 'Leadership Nudges' } }],
    }),
    p,
    where,
  );
}

/** An Action.Execute from a card in a team channel. */
export function channelCardAction(
  p: Person,
  serviceUrl: string,
  where: TeamChannel,
  verb: string,
  data: unknown,
): ActivityJson {
  return inChannel(cardActionActivity(p, serviceUrl, verb, data), p, where);
}

/** The bot added to a team (teamMemberAdded with the bot in membersAdded), in the given channel. */
export function botAddedToTeam(serviceUrl: string, where: TeamChannel): ActivityJson {
  const a = teamAddedActivity(serviceUrl, { teamId: where.teamId, channelId: where.channelId });
  return { ...a, id: `f:added-${Math.random()}` };
}

/** The bot removed from a team (teamMemberRemoved with the bot in membersRemoved). */
export function botRemovedFromTeam(serviceUrl: string, where: TeamChannel): ActivityJson {
  const a = botAddedToTeam(serviceUrl, where);
  delete a.membersAdded;
  return {
    ...a,
    id: `f:removed-${Math.random()}`,
    membersRemoved: [{ id: BOT_ID }],
    channelData: { ...(a.channelData as object), eventType: 'teamMemberRemoved' },
  };
}
