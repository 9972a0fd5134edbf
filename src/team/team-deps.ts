import type { ConversationDeps } from '../conversation/deps';
import type { FollowUps } from '../delivery/follow-ups';

/** What the team use cases need: the conversation deps plus the follow-up queue, to update a shared channel card. */
export interface TeamDeps extends ConversationDeps {
  followUps: Pick<FollowUps, 'replaceCard'>;
}

/** Where a team action came from, as the bot edge read it from Teams. No names. */
export interface TeamActor {
  tenantId: string;
  /** AAD object id when Teams sends it, else the Teams user id. */
  userId: string;
  aadObjectId?: string;
  /** The team the activity came from (absent in personal chat). */
  teamId?: string;
  /** The channel the activity came from, when Teams says. */
  channelId?: string;
  scope: 'personal' | 'team' | 'groupChat';
}
