/**
 * Teams clients without Universal Actions (Action.Execute, card schema 1.4) show an action's
 * `fallback` instead. Every Action.Execute gets the same fallback, added here rather than in each
 * template so none can be forgotten: an Action.Submit with the same title and data plus a `verb`
 * field. The bot then receives the verb either as `value.action.verb` (Action.Execute invoke) or as
 * `value.verb` (Action.Submit message) and routes both to the same handler.
 */

type Json = unknown;

/** Returns a copy of `node` where every Action.Execute carries an Action.Submit fallback with its verb in `data`. */
export function addSubmitFallbacks(node: Json): Json {
  if (Array.isArray(node)) return node.map(addSubmitFallbacks);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'fallback' ? value : addSubmitFallbacks(value);
  if (out.type === 'Action.Execute' && out.fallback === undefined) {
    const data = typeof out.data === 'object' && out.data !== null ? out.data : {};
    out.fallback = {
      type: 'Action.Submit',
      title: out.title,
      ...(out.style === undefined ? {} : { style: out.style }),
      ...(out.associatedInputs === undefined ? {} : { associatedInputs: out.associatedInputs }),
      data: { ...data, verb: out.verb },
    };
  }
  return out;
}
