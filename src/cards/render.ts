import { CardError } from './errors';
import { addSubmitFallbacks } from './fallback';
import { loadTemplates, type LoadTemplatesOptions, type TemplateSet } from './templates';
import type { AdaptiveCardJson, CardDataMap, CardName } from './types';

/**
 * The largest card we send, in bytes as Teams counts them: Teams measures a whole message in UTF-16
 * and accepts up to 100 KB (80 KB or less recommended). 60 KB leaves room for the activity around
 * the card. Our largest card, the nudge, is about 14 KB.
 */
export const MAX_CARD_BYTES = 60 * 1024;

/** The size of serialised JSON as Teams measures it: UTF-16, two bytes per code unit. */
export const teamsSizeOf = (json: string): number => json.length * 2;

/** Expands card templates loaded once when it was created. */
export interface CardRenderer {
  /**
   * Expands template `name` with `data` and returns the card JSON. Throws CardError `unbound_field`
   * when a `${...}` binding is left (the data missed a field), `too_large` at {@link MAX_CARD_BYTES}
   * (UTF-16) or more.
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
      const bytes = teamsSizeOf(json);
      if (bytes >= MAX_CARD_BYTES) {
        throw new CardError('too_large', `Card ${name} is ${bytes} bytes in UTF-16; the limit is ${MAX_CARD_BYTES}`);
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
