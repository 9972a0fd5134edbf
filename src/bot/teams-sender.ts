import type { TokenCredential } from '@azure/identity';
import { SendError, type Sender } from '../delivery/sender';
import {
  activitiesUrl,
  callConnector,
  cardActivityBody,
  conversationsUrl,
  personalChatBody,
  type RequestSigner,
} from './connector-rest';
import { botCredentialFor, createBotTokenSigner } from './bot-token';
import { pagedMembersUrl, ROSTER_PAGE_MAX_BYTES, rosterPageOf } from './team-roster';

/** Milliseconds a single proactive call may take before it counts as a network failure. */
export const DEFAULT_SEND_TIMEOUT_MS = 15_000;

const USER_AGENT = 'LeadershipNudges/0.1 (Microsoft-BotFramework/3.1; botbuilder-js/4.23)';

/**
 * The Teams implementation of the delivery engine's Sender port: each message is one Bot Connector
 * REST call (connector-rest.ts) to the stored conversation's service URL, signed with a token for the
 * bot from @azure/identity (bot-token.ts; none in development mode). One attempt per call (the engine
 * owns retries), errors as SendError.
 */
export function createTeamsSender(
  config: Parameters<typeof botCredentialFor>[0],
  options: { timeoutMs?: number; credential?: TokenCredential; signer?: RequestSigner } = {},
): Sender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const signer = options.signer ?? createBotTokenSigner(options.credential ?? botCredentialFor(config));
  return {
    send: async (to, message) => {
      const { id } = await callConnector({
        method: 'POST',
        url: activitiesUrl(to.serviceUrl, to.conversationId),
        body: cardActivityBody(message),
        signer,
        timeoutMs,
        userAgent: USER_AGENT,
      });
      return { activityId: id };
    },
    update: async (to, activityId, message) => {
      await callConnector({
        method: 'PUT',
        url: activitiesUrl(to.serviceUrl, to.conversationId, activityId),
        body: cardActivityBody(message, activityId),
        signer,
        timeoutMs,
        userAgent: USER_AGENT,
      });
    },
    openPersonalChat: async (to) => {
      if (!to.userTeamsId || !to.botId) {
        throw new SendError(0, 'NoRecipient', undefined, 'open chat failed: no Teams user id or bot id');
      }
      const { id } = await callConnector({
        method: 'POST',
        url: conversationsUrl(to.serviceUrl),
        body: personalChatBody(to.botId, to.userTeamsId, to.tenantId),
        signer,
        timeoutMs,
        userAgent: USER_AGENT,
      });
      if (!id) throw new SendError(0, 'NoConversationId', undefined, 'open chat failed: no conversation id');
      return { conversationId: id };
    },
    readRosterPage: async (team, continuationToken) => {
      const { json } = await callConnector({
        method: 'GET',
        url: pagedMembersUrl(team.serviceUrl, team.teamId, continuationToken),
        signer,
        timeoutMs,
        userAgent: USER_AGENT,
        maxResponseBytes: ROSTER_PAGE_MAX_BYTES,
      });
      return rosterPageOf(json);
    },
  };
}
