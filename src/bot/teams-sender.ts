import { CloudAdapter, type ConversationReference } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ConversationRef } from '../domain';
import { SEND_TIMEOUT_CODE, SendError, type Sender } from '../delivery/sender';
import { activitiesUrl, callConnector, cardActivityBody, type RequestSigner } from './connector-rest';

/** Milliseconds a single proactive call may take before it counts as a network failure. */
export const DEFAULT_SEND_TIMEOUT_MS = 15_000;

const USER_AGENT = 'LeadershipNudges/0.1 (Microsoft-BotFramework/3.1; botbuilder-js/4.23)';

/** Turns a stored, transport-neutral reference into the Bot Framework shape. */
export function toBotReference(ref: ConversationRef): Partial<ConversationReference> {
  return {
    channelId: ref.channelId,
    serviceUrl: ref.serviceUrl,
    conversation: {
      id: ref.conversationId,
      tenantId: ref.tenantId,
      conversationType: ref.conversationType ?? 'personal',
      isGroup: ref.conversationType === 'channel' || ref.conversationType === 'groupChat',
      name: '',
    },
    bot: ref.botId ? { id: ref.botId, name: '' } : undefined,
    user: ref.userTeamsId ? { id: ref.userTeamsId, name: '' } : undefined,
  };
}

interface ErrorLike {
  statusCode?: number;
  code?: string;
  name?: string;
}

/** Maps what the SDK threw while opening a proactive turn into a SendError the delivery engine understands. */
export function toSendError(error: unknown): SendError {
  if (error instanceof SendError) return error;
  const e = (error ?? {}) as ErrorLike;
  const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
  const code = status === 0 ? (e.name === 'AbortError' ? SEND_TIMEOUT_CODE : (e.code ?? 'NetworkError')) : undefined;
  return new SendError(status, code, undefined, `send failed: ${status || code || 'error'}`);
}

/**
 * The Teams implementation of the delivery engine's Sender port. For each service URL (Teams has a
 * handful, one per region) it runs one proactive turn with the stored conversation reference
 * (`continueConversationAsync`), which gives the ConnectorClient botbuilder chose for it, and keeps
 * that client's credentials; each message is then one Bot Connector REST call (connector-rest.ts)
 * signed by those credentials, which fetch and refresh their tokens as needed. One attempt per call
 * (the engine owns retries), errors as SendError.
 */
export function createTeamsSender(
  adapter: CloudAdapter,
  options: { botAppId?: string; timeoutMs?: number } = {},
): Sender {
  const appId = options.botAppId ?? '';
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;

  const signers = new Map<string, Promise<RequestSigner>>();
  const openSigner = async (to: ConversationRef): Promise<RequestSigner> => {
    let connector: ConnectorClient | undefined;
    try {
      await adapter.continueConversationAsync(appId, toBotReference(to), async (context) => {
        connector = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
      });
    } catch (error) {
      throw toSendError(error);
    }
    if (!connector) throw new SendError(0, 'NoTurn', undefined, 'send failed: the adapter did not run the turn');
    const signer = connector.credentials as unknown as Partial<RequestSigner> | undefined;
    if (typeof signer?.signRequest !== 'function') {
      throw new SendError(0, 'NoCredentials', undefined, 'send failed: the connector client has no credentials');
    }
    return signer as RequestSigner;
  };
  const signerFor = (to: ConversationRef): Promise<RequestSigner> => {
    let signer = signers.get(to.serviceUrl);
    if (!signer) {
      signer = openSigner(to);
      signers.set(to.serviceUrl, signer);
      signer.catch(() => signers.delete(to.serviceUrl));
    }
    return signer;
  };

  return {
    send: async (to, message) => {
      const signer = await signerFor(to);
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
      const signer = await signerFor(to);
      await callConnector({
        method: 'PUT',
        url: activitiesUrl(to.serviceUrl, to.conversationId, activityId),
        body: cardActivityBody(message, activityId),
        signer,
        timeoutMs,
        userAgent: USER_AGENT,
      });
    },
  };
}
