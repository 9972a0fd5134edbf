import {
  ActivityTypes,
  CardFactory,
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
  type InvokeResponse,
} from 'botbuilder';
import { isTeamVerb, isVerb, type Verb } from '../cards/verbs';
import type { ConversationDeps, Reply } from '../conversation/deps';
import { ConversationError } from '../conversation/errors';
import { notUnderstoodReply, personalOnlyReply, teamHelpReply } from '../conversation/help';
import { nudgeNow, recordActivityId } from '../conversation/nudge-now';
import { stillHereReply, welcomeReply } from '../conversation/onboarding';
import { markUninstalled, registerUser } from '../conversation/users';
import { isKnownPerson, startInChatReply } from '../conversation/unknown-person';
import type { FollowUps } from '../delivery/follow-ups';
import {
  isCardActionResult,
  personalCardActions,
  VERBS_THAT_CHANGE_THE_CARD,
  VERBS_WITHOUT_A_RECORD,
  type CardActionHandler,
  type CardActionResult,
} from './card-actions';
import { parseCommand, type CommandName } from './command-router';
import { personalCommands } from './commands';
import { errorReply } from './error-reply';
import { normaliseEventType } from './event-types';
import { readIdentity, type Identity } from './identity';

/** Handlers the team module adds (issue: team channels and insights). */
export interface TeamScope {
  onBotAddedToTeam(context: TurnContext, who: Identity): Promise<void>;
  onBotRemovedFromTeam(context: TurnContext, who: Identity): Promise<void>;
  /** The team was deleted or archived, or the channel the nudges go to was deleted: no more team nudges. */
  onTeamStopped(context: TurnContext, who: Identity, why: 'deleted' | 'archived' | 'channel_deleted'): Promise<void>;
  /** The team was restored or unarchived: its nudges start again. */
  onTeamResumed(context: TurnContext, who: Identity, why: 'restored' | 'unarchived'): Promise<void>;
  onChannelDeleted(context: TurnContext, who: Identity, channelId: string): Promise<void>;
  /** A deleted channel came back: the team's nudges start again when it is their channel and its deletion stopped them. */
  onChannelRestored?(context: TurnContext, who: Identity, channelId: string): Promise<void>;
  /** People (not the bot) joined or left a team the bot is in: read its roster again. */
  onTeamMembersChanged?(context: TurnContext, who: Identity): Promise<void>;
  /** A command typed in a team channel, or `insights` in personal chat; undefined when not a team command. */
  onCommand(context: TurnContext, who: Identity, name: string, args: string): Promise<Reply | undefined>;
  cardActions: Partial<Record<Verb, CardActionHandler>>;
}

export interface BotOptions {
  deps: ConversationDeps;
  /** Where card updates and follow-up messages go after an invoke is answered. */
  followUps: FollowUps;
  team?: TeamScope;
  /**
   * Sends a personal install's welcome through the delivery engine (claim by its deterministic id,
   * the tenant's shared limiter); resolves when it is sent or after a short wait, the send carrying
   * on after the turn. Without it the welcome goes out at the next tick.
   */
  sendWelcome?: (userId: string) => Promise<void>;
}

const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const cardActivity = (reply: Reply) => ({
  type: ActivityTypes.Message,
  summary: reply.summary,
  attachments: [CardFactory.adaptiveCard(reply.card)],
});

/** How long after a welcome another install event of the same person stays silent. */
const JUST_WELCOMED_MS = 10 * 60_000;

/**
 * The Teams edge of the bot: reads who is acting, refuses other tenants, and routes install
 * events, typed commands and card actions to the conversation use cases. Nothing below it knows
 * botbuilder.
 */

export class NudgeBot extends TeamsActivityHandler {
  private readonly deps: ConversationDeps;
  private readonly followUps: FollowUps;
  private readonly team?: TeamScope;
  private readonly sendWelcome?: (userId: string) => Promise<void>;

  constructor(options: BotOptions) {
    super();
    this.deps = options.deps;
    this.sendWelcome = options.sendWelcome;
    this.followUps = options.followUps;
    this.team = options.team;

    this.onInstallationUpdateAdd(async (context, next) => {
      const who = readIdentity(context.activity);
      if (who?.scope === 'personal') await this.welcome(context, who);
      await next();
    });

    // botbuilder routes 'remove-upgrade' here too (and 'add-upgrade' to the add handler): only
    // action 'remove' is an uninstall; the upgrades keep the app installed (Learn "Conversation events").
    this.onInstallationUpdateRemove(async (context, next) => {
      const who = readIdentity(context.activity);
      if (context.activity.action === 'remove') {
        if (who?.scope === 'personal') await markUninstalled(this.deps, who.userId);
        else if (who?.scope === 'team' && this.team) await this.team.onBotRemovedFromTeam(context, who);
      }
      await next();
    });

    const teamEvent =
      (run: (scope: TeamScope, context: TurnContext, who: Identity) => Promise<void>) =>
      async (_team: unknown, context: TurnContext, next: () => Promise<void>) => {
        const who = readIdentity(context.activity);
        if (who?.scope === 'team' && this.team) await run(this.team, context, who);
        await next();
      };
    this.onTeamsTeamDeletedEvent(teamEvent((t, c, who) => t.onTeamStopped(c, who, 'deleted')));
    this.onTeamsTeamHardDeletedEvent(teamEvent((t, c, who) => t.onTeamStopped(c, who, 'deleted')));
    this.onTeamsTeamArchivedEvent(teamEvent((t, c, who) => t.onTeamStopped(c, who, 'archived')));
    this.onTeamsTeamUnarchivedEvent(teamEvent((t, c, who) => t.onTeamResumed(c, who, 'unarchived')));
    this.onTeamsTeamRestoredEvent(teamEvent((t, c, who) => t.onTeamResumed(c, who, 'restored')));
    this.onTeamsChannelDeletedEvent(async (channel, _team, context, next) => {
      const who = readIdentity(context.activity);
      if (who?.scope === 'team' && this.team && channel.id) await this.team.onChannelDeleted(context, who, channel.id);
      await next();
    });
    this.onTeamsChannelRestoredEvent(async (channel, _team, context, next) => {
      const who = readIdentity(context.activity);
      if (who?.scope === 'team' && channel.id) await this.team?.onChannelRestored?.(context, who, channel.id);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const who = readIdentity(context.activity);
      const botId = context.activity.recipient?.id;
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === botId);
      if (who && botAdded) {
        if (who.scope === 'personal') await this.welcome(context, who);
        else if (who.scope === 'team' && this.team) await this.team.onBotAddedToTeam(context, who);
      } else if (who?.scope === 'team') await this.team?.onTeamMembersChanged?.(context, who);
      await next();
    });

    this.onMembersRemoved(async (context, next) => {
      const who = readIdentity(context.activity);
      const botId = context.activity.recipient?.id;
      const botRemoved = (context.activity.membersRemoved ?? []).some((m) => m.id === botId);
      if (who && botRemoved && who.scope === 'team' && this.team) await this.team.onBotRemovedFromTeam(context, who);
      else if (who?.scope === 'team') await this.team?.onTeamMembersChanged?.(context, who);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /** Refuses activities from tenants outside ALLOWED_TENANTS before anything is read or stored. */
  override async run(context: TurnContext): Promise<void> {
    const allowed = this.deps.config.allowedTenants;
    if (allowed.length > 0) {
      const tenantId =
        context.activity.conversation?.tenantId ??
        (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
      if (!tenantId || !allowed.includes(tenantId)) {
        this.deps.logger.warn({ event: 'tenant.refused', activityType: context.activity.type }, 'tenant not allowed');
        if (context.activity.type === ActivityTypes.Invoke) {
          await context.sendActivity({
            type: ActivityTypes.InvokeResponse,
            value: { status: 403, body: { error: 'tenant_not_allowed' } } satisfies InvokeResponse,
          });
        }
        return;
      }
    }
    normaliseEventType(context.activity);
    await super.run(context);
  }

  /**
   * A personal install's welcome is not the reply in the install turn: an admin's setup policy
   * installs for a whole organisation at once, and thousands of replies in one tenant would burst
   * past Teams' per-app-per-tenant limit. registerUser makes the welcome due now; it goes out as a
   * delivery of the engine (deterministic id `welcome|tenant|user[|round]`, claimed, within the
   * tenant's shared limiter, sent once even if Teams repeats the event or the process crashes), sent
   * at once from here rather than at the next tick, so the person still sees it within seconds.
   * Someone who already pressed Start and reinstalls gets their welcome card through the follow-up
   * queue (also within the tenant's limiter).
   */
  private async welcome(context: TurnContext, who: Identity): Promise<void> {
    const { user, isNew, reactivated } = await registerUser(this.deps, who);
    if (isNew || reactivated) {
      if (user.consent?.state === 'pending') await this.sendWelcome?.(who.userId);
      else this.followUps.sendMessage(who.conversation, welcomeReply(this.deps, user));
    }
    // Reopening the chat (not an app upgrade, which changes nothing for the person) without having started.
    // Teams sends installationUpdate and conversationUpdate for one install: the welcome just sent is enough.
    else if (!user.onboarded && context.activity.action !== 'add-upgrade' && !this.justWelcomed(user))
      await context.sendActivity(cardActivity(stillHereReply(this.deps)));
  }

  /** Whether the person was welcomed in the last few minutes (the same install's other event). */
  private justWelcomed(user: { consent?: { welcomedAt?: string }; createdAt: string }): boolean {
    const welcomedAt = Date.parse(user.consent?.welcomedAt ?? user.createdAt);
    return this.deps.now().getTime() - welcomedAt < JUST_WELCOMED_MS;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const who = readIdentity(context.activity);
    if (!who) {
      this.deps.logger.warn({ event: 'activity.incomplete' }, 'message without tenant, sender or conversation');
      return;
    }
    // Action.Submit fallback from older clients: the card's data arrives as the message value.
    const value = context.activity.value as { verb?: unknown } | undefined;
    if (value && typeof value === 'object' && 'verb' in value) {
      const result = await this.runCardAction(who, value.verb, value);
      // Action.Submit cannot replace the card: write the answered card over the one clicked, when it
      // is a card-changing verb and Teams says which message it was; otherwise answer with a message.
      if (this.replaceClickedCard(who, context.activity.replyToId, value.verb, result)) {
        if (result.followUp) this.followUps.sendMessage(who.conversation, result.followUp);
        return;
      }
      await context.sendActivity(cardActivity(result.followUp ?? result.replace));
      return;
    }
    const text =
      (who.scope === 'personal' ? context.activity.text : TurnContext.removeRecipientMention(context.activity)) ?? '';
    const command = parseCommand(text);
    let reply: Reply;
    try {
      if (who.scope === 'personal') {
        const { isNew } = await registerUser(this.deps, who);
        if (isNew) await this.sendWelcome?.(who.userId);
      }
      const teamReply =
        command && this.team ? await this.team.onCommand(context, who, command.name, command.args) : undefined;
      if (teamReply) reply = teamReply;
      else if (who.scope !== 'personal') reply = teamHelpReply(this.deps);
      else if (!command) reply = notUnderstoodReply(this.deps);
      else if (command.name === 'nudge') {
        const { reply: nudgeReply, delivery } = await nudgeNow(this.deps, who.userId);
        const sent = await context.sendActivity(cardActivity(nudgeReply));
        if (sent?.id) await recordActivityId(this.deps, delivery, sent.id);
        return;
      } else {
        const handler = personalCommands[command.name as CommandName];
        reply = handler ? await handler(this.deps, who, command.args) : notUnderstoodReply(this.deps);
      }
    } catch (error) {
      reply = errorReply(this.deps, error, `command:${command?.name ?? 'none'}`);
    }
    await context.sendActivity(cardActivity(reply));
  }

  /** Runs one card verb for the acting person; every failure becomes the friendly error card. */
  private async runCardAction(who: Identity, verb: unknown, data: unknown): Promise<CardActionResult> {
    try {
      if (!isVerb(verb))
        throw new ConversationError(
          'unknown_verb',
          'I do not recognise that button. It may be from an old card: type "help" for a fresh start.',
        );
      // Personal verbs work only in personal chat: in a channel or group chat the answer (a history, an
      // export link, a nudge card) would be shown to everyone there, on the Action.Submit path above all.
      if (who.scope !== 'personal' && !isTeamVerb(verb)) {
        this.deps.logger.info({ event: 'verb.personal_elsewhere', verb, scope: who.scope }, 'personal verb refused');
        // refused: never written over the clicked message (it may be the channel's shared card)
        return { replace: personalOnlyReply(this.deps), refused: true };
      }
      const handler = this.team?.cardActions[verb] ?? personalCardActions[verb];
      if (!handler)
        throw new ConversationError(
          'unknown_verb',
          'That button does not work here. Type "help" to see what I can do.',
        );
      if (who.scope === 'personal' && !verb.startsWith('team.')) {
        // A click on an old card after "delete my data" must not bring the person back (ids, consent,
        // a welcome): someone the bot does not know starts by typing in the chat, not by a stray click.
        if (!(await isKnownPerson(this.deps, who.userId))) {
          if (!VERBS_WITHOUT_A_RECORD.has(verb)) return { replace: startInChatReply(this.deps), refused: true };
        } else await registerUser(this.deps, who);
      }
      const result = await handler(this.deps, who, data);
      return isCardActionResult(result) ? result : { replace: result };
    } catch (error) {
      return { replace: errorReply(this.deps, error, `verb:${isVerb(verb) ? verb : 'unknown'}`), refused: true };
    }
  }

  /**
   * Queues the answered card over the message that was clicked (PUT, after the invoke is answered), so
   * every device shows the same state. Only for card-changing verbs that succeeded. True when queued.
   */
  private replaceClickedCard(who: Identity, replyToId: string | undefined, verb: unknown, result: CardActionResult) {
    if (result.refused || !replyToId || !isVerb(verb) || !VERBS_THAT_CHANGE_THE_CARD.has(verb)) return false;
    this.followUps.replaceCard(who.conversation, replyToId, result.replace);
    return true;
  }

  /**
   * Universal Actions (Action.Execute): always answered 200 with a card that replaces the one the
   * person acted on, including for unknown verbs and bad payloads (then the error card).
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') {
      // botbuilder answers invokes this bot does not offer (task modules, message extensions...) with
      // 501; they are the client's request for something unsupported, so say so with a 400.
      const response = await super.onInvokeActivity(context);
      return response.status === 501 ? { status: 400, body: { error: 'unsupported_invoke' } } : response;
    }
    const who = readIdentity(context.activity);
    const value = (context.activity.value ?? {}) as { action?: { verb?: unknown; data?: unknown } };
    const result: CardActionResult = who
      ? await this.runCardAction(who, value.action?.verb, value.action?.data ?? {})
      : {
          replace: errorReply(
            this.deps,
            new ConversationError('invalid_input', 'I could not tell who sent that action, so nothing was saved.'),
            'verb:no-identity',
          ),
        };
    // Both go out after this response (the follow-up queue does not wait), within the tenant's limits.
    if (who) {
      this.replaceClickedCard(who, context.activity.replyToId, value.action?.verb, result);
      if (result.followUp) this.followUps.sendMessage(who.conversation, result.followUp);
    }
    return {
      status: StatusCodes.OK,
      body: { statusCode: StatusCodes.OK, type: ADAPTIVE_CARD_CONTENT_TYPE, value: result.replace.card },
    };
  }
}
