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
}

export interface TeamRecord {
  id: string; // == teamId
  teamId: string; // partition key
  tenantId: string;
  conversation: ConversationRef; // of the channel the nudges go to
  settings: TeamSettings;
  status: 'active' | 'removed';
  nextDueAt?: string;
  history: NudgeHistory;
  createdAt: string;
  updatedAt: string;
}
