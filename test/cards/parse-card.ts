// The official parser's browser bundle works in Node without a DOM; its lib/ ES modules do not.
const AC = require('adaptivecards/dist/adaptivecards.min.js');

/** Element types Teams supports that the `adaptivecards` parser does not know; each must carry a `fallback`. */
export const HOST_ONLY_TYPES = /^Chart\./;

/**
 * Parses `json` with the official `adaptivecards` parser and returns every parse event and every
 * validateProperties() message. Unknown host-only elements (charts) are reported only when they
 * have no fallback.
 */
export function parseWithOfficialParser(json: object): string[] {
  const context = new AC.SerializationContext();
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const message: string = context.getEventAt(i).message;
    const unknown = /Unknown element type "([^"]+)"/.exec(message);
    if (unknown && HOST_ONLY_TYPES.test(unknown[1] ?? '')) continue;
    problems.push(`parse: ${message}`);
  }
  for (const event of card.validateProperties().validationEvents as { message: string }[]) {
    problems.push(`validate: ${event.message}`);
  }
  return problems;
}

/** Every object in the card tree (depth first), for structural assertions. */
export function walkCard(node: unknown, visit: (obj: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((n) => walkCard(n, visit));
  else if (node !== null && typeof node === 'object') {
    visit(node as Record<string, unknown>);
    Object.values(node).forEach((v) => walkCard(v, visit));
  }
}
