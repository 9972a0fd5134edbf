import { randomBytes } from 'node:crypto';
import { CardError } from './errors';
import { MAX_CARD_BYTES } from './render';
import type { AdaptiveCardJson } from './types';

/** Cards rendered once per key and reused with one per-use string (a delivery id) stamped in. */
export interface StampedCards {
  /**
   * The card for `key` with `value` wherever `build` put its placeholder argument. `build(placeholder)`
   * renders the card the first time a key is seen; it must depend on nothing but the key and the
   * placeholder. Equal to `build(value)`, only cheaper: expanding a template costs far more than
   * parsing its JSON. Throws CardError `too_large` as rendering would.
   */
  card(key: string, value: string, build: (placeholder: string) => AdaptiveCardJson): AdaptiveCardJson;
  /** The same card serialised: `JSON.stringify(card(key, value, build))`, without building the object. */
  json(key: string, value: string, build: (placeholder: string) => AdaptiveCardJson): string;
}

interface Entry {
  /** The serialised card split around every `"placeholder"` string value; undefined = render each time. */
  parts?: string[];
  bytes: number;
}

/**
 * Makes a bounded cache of stamped cards (least recently used dropped after `maxEntries`). The
 * placeholder is random per cache and is only replaced where it is a whole JSON string value, so
 * the stamped value is JSON-escaped exactly once and can never change the card's structure; a
 * card using the placeholder inside a longer string is rendered afresh for every use instead.
 */
export function createStampedCards(options: { maxEntries?: number } = {}): StampedCards {
  const maxEntries = options.maxEntries ?? 512;
  const placeholder = `stamp-${randomBytes(12).toString('hex')}`;
  const quoted = `"${placeholder}"`;
  const entries = new Map<string, Entry>();

  const prepare = (build: (placeholder: string) => AdaptiveCardJson): Entry => {
    const json = JSON.stringify(build(placeholder));
    const parts = json.split(quoted);
    const wholeValuesOnly = parts.every((p) => !p.includes(placeholder));
    return wholeValuesOnly ? { parts, bytes: Buffer.byteLength(json, 'utf8') } : { bytes: 0 };
  };

  const stamped = (key: string, value: string, build: (placeholder: string) => AdaptiveCardJson): string => {
    let entry = entries.get(key);
    if (entry) entries.delete(key);
    else {
      entry = prepare(build);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    }
    entries.set(key, entry); // most recently used last
    if (!entry.parts) return JSON.stringify(build(value));
    const stamp = JSON.stringify(value);
    const uses = entry.parts.length - 1;
    const bytes = entry.bytes + uses * (Buffer.byteLength(stamp, 'utf8') - quoted.length);
    if (bytes >= MAX_CARD_BYTES) {
      throw new CardError('too_large', `Card ${key} is ${bytes} bytes; the limit is ${MAX_CARD_BYTES}`);
    }
    return entry.parts.join(stamp);
  };

  return {
    card: (key, value, build) => JSON.parse(stamped(key, value, build)) as AdaptiveCardJson,
    json: stamped,
  };
}
