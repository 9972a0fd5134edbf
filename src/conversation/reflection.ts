import { z } from 'zod';
import type { ReflectionRecord, Role } from '../domain';
import { idField, parseCardInput } from './card-input';
import type { ConversationDeps, Reply } from './deps';
import { ConversationError } from './errors';
import { nudgeStateReply, reflectionId, requireOwnDelivery } from './nudge-state';
import { MAX_REFLECTION_LENGTH, stripControlCharacters } from '../cards';
import { requireUser } from './users';

const reflectionInput = z.object({
  deliveryId: idField,
  nudgeId: idField,
  reflection: z.string().max(100_000).optional(),
});

/**
 * Saves a person's reflection on a nudge (control characters removed, line breaks and tabs kept;
 * trimmed; at most 2,000 characters — longer is refused
 * with a clear message and nothing is stored). Saving again replaces the earlier text.
 */
export async function saveReflection(deps: ConversationDeps, userId: string, data: unknown): Promise<Reply> {
  const input = parseCardInput(reflectionInput, data);
  // Control characters go before anything is measured or stored (security review L3).
  const text = stripControlCharacters(input.reflection ?? '').trim();
  if (text.length === 0) {
    throw new ConversationError(
      'invalid_input',
      'Your reflection is empty: write a few words in the box under "Reflect", then select "Save reflection". Nothing was saved.',
    );
  }
  if (text.length > MAX_REFLECTION_LENGTH) {
    throw new ConversationError(
      'too_long',
      `Your reflection is ${text.length.toLocaleString('en-GB')} characters; the limit is ${MAX_REFLECTION_LENGTH.toLocaleString('en-GB')}. Please shorten it and save again. Nothing was saved.`,
    );
  }
  const user = await requireUser(deps, userId);
  const delivery = await requireOwnDelivery(deps, userId, input.deliveryId, input.nudgeId);
  const record: ReflectionRecord = {
    id: reflectionId(delivery.id),
    kind: 'reflection',
    userId,
    tenantId: user.tenantId,
    deliveryId: delivery.id,
    nudgeId: delivery.nudgeId,
    behaviourId: delivery.behaviourId,
    text,
    savedAt: deps.now().toISOString(),
    ttl: deps.config.retentionDays * 86400,
  };
  await deps.store.responses.upsert(record);
  return nudgeStateReply(deps, user, delivery, `Reflection saved. ${whereReflectionsGo(user.prefs.role)}`);
}

/**
 * Where a saved reflection can go next, worded by role: GPs have appraisal and revalidation, nurses
 * and other registered clinicians revalidate or keep CPD records, and other staff (reception, practice
 * managers) have no regulator's revalidation, so they are pointed at appraisal and their own records.
 */
export function whereReflectionsGo(role: Role): string {
  switch (role) {
    case 'gp':
      return 'Type "history" to see your reflections, or "portfolio" to turn them into reflective notes for your appraisal and revalidation.';
    case 'clinician':
      return 'Type "history" to see your reflections, or "portfolio" to turn them into a reflective account or CPD record for revalidation.';
    default:
      return 'Type "history" to see your reflections, or "portfolio" to turn them into notes for your appraisal and development plan.';
  }
}
