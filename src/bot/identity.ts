import type { Activity } from 'botbuilder';
import type { ConversationRef } from '../domain';

/** Who is acting and where, read from an incoming Teams activity. Never includes names. */
export interface Identity {
  tenantId: string;
  /** Our user id: the Microsoft Entra object id when Teams sends it, else the Teams user id. */
  userId: string;
  aadObjectId?: string;
  teamsUserId: string;
  conversation: ConversationRef;
  /** IANA zone from Teams (the clientInfo entity's `timezone`, else `localTimezone`), when present. */
  timeZone?: string;
  /** The client's locale from Teams (clientInfo entity, else the activity's `locale`), when present. */
  locale?: string;
  /** The team, for activities in a team channel. */
  teamId?: string;
  channelId?: string;
  scope: 'personal' | 'team' | 'groupChat';
}

interface TeamsChannelData {
  tenant?: { id?: string };
  team?: { id?: string; aadGroupId?: string };
  channel?: { id?: string };
  /** On an install into a team: the channel chosen in Teams' "Set up a bot" dialog. */
  settings?: { selectedChannel?: { id?: string } };
  eventType?: string;
}

const isNonEmpty = (v: unknown, max = 400): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;

/**
 * The channel a team activity happened in: `channel.id` on messages and card actions, and on the
 * install into a team the channel the installer selected (`settings.selectedChannel`; the activity's
 * conversation is then that channel, and the team id is the General channel's).
 */
function channelOf(channelData: TeamsChannelData, scope: Identity['scope']): string | undefined {
  if (isNonEmpty(channelData.channel?.id)) return channelData.channel.id;
  const selected = channelData.settings?.selectedChannel?.id;
  return scope === 'team' && isNonEmpty(selected) ? selected : undefined;
}

/**
 * Reads the identity from an activity, or undefined when the activity lacks what we need
 * (a tenant, a sender, a conversation). The values are bounded so nothing oversized is stored.
 */
export function readIdentity(activity: Partial<Activity>): Identity | undefined {
  const channelData = (activity.channelData ?? {}) as TeamsChannelData;
  const tenantId = activity.conversation?.tenantId ?? channelData.tenant?.id;
  const from = activity.from;
  const conversationId = activity.conversation?.id;
  if (!isNonEmpty(tenantId, 100) || !from || !isNonEmpty(from.id) || !isNonEmpty(conversationId)) return undefined;
  if (!isNonEmpty(activity.serviceUrl, 500)) return undefined;
  const aadObjectId = isNonEmpty(from.aadObjectId, 100) ? from.aadObjectId : undefined;
  const conversationType = activity.conversation?.conversationType;
  const scope = conversationType === 'channel' ? 'team' : conversationType === 'groupChat' ? 'groupChat' : 'personal';
  const clientInfo = (activity.entities ?? []).find((e) => e?.type === 'clientInfo') as
    { timezone?: unknown; locale?: unknown } | undefined;
  const timeZone = [clientInfo?.timezone, activity.localTimezone].find((z): z is string => isNonEmpty(z, 64));
  const locale = [clientInfo?.locale, activity.locale].find((l): l is string => isNonEmpty(l, 20));
  return {
    tenantId,
    userId: aadObjectId ?? from.id,
    aadObjectId,
    teamsUserId: from.id,
    timeZone,
    locale,
    teamId: isNonEmpty(channelData.team?.id) ? channelData.team?.id : undefined,
    channelId: channelOf(channelData, scope),
    scope,
    conversation: {
      serviceUrl: activity.serviceUrl,
      conversationId,
      tenantId,
      channelId: activity.channelId ?? 'msteams',
      botId: isNonEmpty(activity.recipient?.id) ? activity.recipient?.id : undefined,
      userTeamsId: scope === 'personal' ? from.id : undefined,
      conversationType: scope === 'team' ? 'channel' : scope,
    },
  };
}
