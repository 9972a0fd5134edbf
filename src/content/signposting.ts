import { placeInfo } from './places';
import type { Content, Nudge } from './types';

/**
 * The signposting line a nudge card shows for a person's nation (speaking up, wellbeing or abuse support),
 * or '' when the nudge needs none. A person who has not said where they work gets England's.
 */
export function signpostFor(
  content: Pick<Content, 'signposting'>,
  nudge: Pick<Nudge, 'signpost'>,
  place?: string,
): string {
  if (!nudge.signpost) return '';
  const entry = content.signposting?.find((s) => s.topic === nudge.signpost);
  return entry ? entry[placeInfo(place).nation] : '';
}
