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
  /**
   * The same card serialised as UTF-8 JSON (`Buffer.from(JSON.stringify(card(...)))`), ready to send,
   * without building the object or a string: the cached bytes around the placeholder are copied once.
   */
  utf8(key: string, value: string, build: (placeholder: string) => AdaptiveCardJson): Buffer;
}

interface Entry {
  /** The serialised card as UTF-8, split around every `"placeholder"` string value; undefined = render each time. */
  parts?: Buffer[];
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
    return wholeValuesOnly
      ? { parts: parts.map((p) => Buffer.from(p, 'utf8')), bytes: Buffer.byteLength(json, 'utf8') }
      : { bytes: 0 };
  };

  const utf8 = (key: string, value: string, build: (placeholder: string) => AdaptiveCardJson): Buffer => {
    let entry = entries.get(key);
    if (entry) entries.delete(key);
    else {
      entry = prepare(build);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    }
    entries.set(key, entry); // most recently used last
    if (!entry.parts) return Buffer.from(JSON.stringify(build(value)), 'utf8');
    const stamp = Buffer.from(JSON.stringify(value), 'utf8');
    const uses = entry.parts.length - 1;
    const bytes = entry.bytes + uses * (stamp.length - Buffer.byteLength(quoted, 'utf8'));
    if (bytes >= MAX_CARD_BYTES) {
      throw new CardError('too_large', `Card ${key} is ${bytes} bytes; the limit is ${MAX_CARD_BYTES}`);
    }
    const out = Buffer.allocUnsafe(bytes);
    let at = 0;
    entry.parts.forEach((part, i) => {
      at += part.copy(out, at);
      if (i < uses) at += stamp.copy(out, at);
    });
    return out;
  };

  return {
    card: (key, value, build) => JSON.parse(utf8(key, value, build).toString('utf8')) as AdaptiveCardJson,
    utf8,
  };
}
