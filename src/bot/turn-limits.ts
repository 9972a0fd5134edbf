import type { Activity, TurnContext } from 'botbuilder';

/** Waits for a tenant's turn under its Teams limit (TenantLimiters.acquire in src/delivery). */
export type AcquireTenantCall = (tenantId: string) => Promise<void>;

/** Activities botbuilder answers in the HTTP response or drops for Teams, not calls to the Bot Connector. */
const NOT_A_CALL = new Set(['invokeResponse', 'delay', 'trace']);

/**
 * Puts the calls a turn makes to the Bot Connector (replies, and updates of a message) through the
 * tenant's limiter, the one the weekly run and card updates share, so an in-turn reply counts
 * against Teams' per-app-per-tenant limit like any other call (Learn "Rate limiting for agents").
 * Replies are interactive: they may use the share the weekly run leaves free. A turn without a
 * tenant (the emulator) is left alone.
 */
export function limitTurnCalls(context: TurnContext, acquire: AcquireTenantCall): void {
  const activity = context.activity as Partial<Activity>;
  const tenantId =
    activity.conversation?.tenantId ?? (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
  if (!tenantId) return;
  context.onSendActivities(async (_ctx, activities, next) => {
    for (const a of activities) if (!NOT_A_CALL.has(String(a.type))) await acquire(tenantId);
    return next();
  });
  context.onUpdateActivity(async (_ctx, _activity, next) => {
    await acquire(tenantId);
    return next();
  });
}
