import type { Activity } from 'botbuilder';

/**
 * Teams' conversationUpdate event types (`channelData.eventType`) in the casing botbuilder's
 * TeamsActivityHandler dispatches on, which is case-sensitive (botbuilder 4.23
 * teamsActivityHandler.js; the Agents SDK's TeamsConversationUpdateEvents use the same spelling).
 * Microsoft's own examples are not consistent: Learn "Conversation events" describes the team
 * restored event as `eventType.teamrestored`. An event in another casing would fall through to no
 * handler, so a restored team would stay stopped.
 */
export const TEAMS_EVENT_TYPES = [
  'channelCreated',
  'channelDeleted',
  'channelRenamed',
  'channelRestored',
  'teamArchived',
  'teamDeleted',
  'teamHardDeleted',
  'teamRenamed',
  'teamRestored',
  'teamUnarchived',
  'teamMemberAdded',
  'teamMemberRemoved',
] as const;

const BY_LOWER_CASE = new Map<string, string>(TEAMS_EVENT_TYPES.map((t) => [t.toLowerCase(), t]));

/** The event type in botbuilder's casing, or the value as it was when it is not one Teams documents. */
export function canonicalEventType(value: string): string {
  return BY_LOWER_CASE.get(value.toLowerCase()) ?? value;
}

/** Rewrites a conversationUpdate's `channelData.eventType` to botbuilder's casing before it is dispatched. */
export function normaliseEventType(activity: Partial<Activity>): void {
  if (activity.type !== 'conversationUpdate') return;
  const channelData = activity.channelData as { eventType?: unknown } | undefined;
  if (typeof channelData?.eventType !== 'string') return;
  channelData.eventType = canonicalEventType(channelData.eventType);
}
