/** Where and how to reach a person or a channel proactively. Transport-neutral (no botbuilder types). */
export interface ConversationRef {
  serviceUrl: string;
  conversationId: string;
  tenantId: string;
  channelId: string; // 'msteams'
  botId?: string;
  /** Teams user id (29:...) for personal chats; absent for channels. */
  userTeamsId?: string;
  conversationType?: 'personal' | 'channel' | 'groupChat';
}
