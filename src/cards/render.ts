import { CardError } from './errors';
import { addSubmitFallbacks } from './fallback';
import { loadTemplates, type LoadTemplatesOptions, type TemplateSet } from './templates';
import type { AdaptiveCardJson, CardDataMap, CardName } from './types';

/** Teams accepts about 100 KB per message; we stay well inside it. */
export const MAX_CARD_BYTES = 40 * 1024;

/** Expands card templates loaded once when it was created. */
export interface CardRenderer {
  /**
   * Expands template `name` with `data` and returns the card JSON. Throws CardError `unbound_field`
   * when a `${...}` binding is left (the data missed a field), `too_large` at 40 KB or more.
   */
  render<N extends CardName>(name: N, data: CardDataMap[N]): AdaptiveCardJson;
}

/** Loads every template once and returns a renderer that reuses them for every card. */
export function createCardRenderer(options: LoadTemplatesOptions = {}): CardRenderer {
  const templates: TemplateSet = loadTemplates(options);
  return {
    render(name, data) {
      const template = templates.get(name);
      if (!template) throw new CardError('unknown_card', `No card template named ${String(name)}`);
      const card = addSubmitFallbacks(template.expand({ $root: data })) as AdaptiveCardJson;
      const json = JSON.stringify(card);
      const unbound = /\$\{[^}]*\}?/.exec(json);
      if (unbound) {
        throw new CardError(
          'unbound_field',
          `Card ${name} has an unbound ${unbound[0].slice(0, 60)}: its data lacks a field`,
        );
      }
      const bytes = Buffer.byteLength(json, 'utf8');
      if (bytes >= MAX_CARD_BYTES) {
        throw new CardError('too_large', `Card ${name} is ${bytes} bytes; the limit is ${MAX_CARD_BYTES}`);
      }
      return card;
    },
  };
}

let defaultRenderer: CardRenderer | undefined;

/**
 * Expands a card with the project's templates (loaded on first use, then kept).
 * See {@link CardRenderer.render} for the errors it throws.
 */
export function renderCard<N extends CardName>(name: N, data: CardDataMap[N]): AdaptiveCardJson {
  defaultRenderer ??= createCardRenderer();
  return defaultRenderer.render(name, data);
}
