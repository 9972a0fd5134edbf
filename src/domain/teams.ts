import type { ConversationRef } from './conversation-ref';
import type { NudgeHistory } from './people';
import type { Weekday } from './schedule';

/** A team's record: nudges posted in one of its channels. */
export interface TeamSettings {
  enabled: boolean;
  day: Weekday;
  time: string;
  timeZone: string;
  /** Channel conversation id to post in. */
  channelId: string;
  /**
   * Whether guests of the team (other organisations' accounts) are invited to personal nudges too when
   * the bot reads the roster or they join. Off unless a lead turns it on: an unsolicited 1:1 message
   * to someone from another organisation is not what a practice expects by default.
   */
  welcomeGuests?: boolean;
}

export interface TeamRecord {
  id: string; // == teamId
  teamId: string; // partition key
  tenantId: string;
  conversation: ConversationRef; // of the channel the nudges go to
  settings: TeamSettings;
  status: 'active' | 'removed';
  /**
   * Why a removed team stopped: the bot was taken out, the team deleted or archived, or the channel
   * the nudges go to deleted. Restoring that channel starts them again only in the last case.
   */
  stoppedBy?: 'removed' | 'deleted' | 'archived' | 'channel_deleted';
  nextDueAt?: string;
  history: NudgeHistory;
  createdAt: string;
  updatedAt: string;
}
