import { randomBytes } from 'node:crypto';
import { CardError } from './errors';
import { MAX_CARD_BYTES } from './render';
import type { AdaptiveCardJson } from './types';

/** Builds a card with the given strings (placeholders, the first time a key is seen) in it. */
export type StampedCardBuilder = (values: readonly string[]) => AdaptiveCardJson;

/** Cards rendered once per key and reused with a few per-use strings (a delivery id, a tenant id) stamped in. */
export interface StampedCards {
  /**
   * The card for `key` with `values[i]` wherever `build` put placeholder `i`. `build(placeholders)`
   * renders the card the first time a key is seen; it must depend on nothing but the key and the
   * placeholders. Equal to `build(values)`, only cheaper: expanding a template costs far more than
   * copying bytes. Throws CardError `too_large` as rendering would.
   */
  card(key: string, values: readonly string[], build: StampedCardBuilder): AdaptiveCardJson;
  /**
   * The same card serialised as UTF-8 JSON (`Buffer.from(JSON.stringify(card(...)))`), ready to send,
   * without building the object or a string: the cached bytes around the placeholders are copied once.
   */
  utf8(key: string, values: readonly string[], build: StampedCardBuilder): Buffer;
}

/** Where a value goes: as a whole JSON string value, or inside a longer string (a URL, say). */
interface Slot {
  index: number;
  whole: boolean;
}

interface Entry {
  /** The serialised card as UTF-8 literals with slots between; undefined = render each time. */
  parts?: (Buffer | Slot)[];
  /** Byte length of the literals alone. */
  literalBytes: number;
  /** UTF-16 code units of the literal parts (Teams measures a message in UTF-16). */
  literalUnits: number;
}

/**
 * Characters that come out the same from encodeURIComponent and from JSON escaping: a value made
 * only of these reads the same wherever a template put it inside a string (tenant ids are GUIDs).
 */
const INERT = /^[A-Za-z0-9_.~-]*$/;

/**
 * Makes a bounded cache of stamped cards (least recently used dropped after `maxEntries`). The
 * placeholders are random per cache. A placeholder that is a whole JSON string value takes any value,
 * JSON-escaped exactly once, so it can never change the card's structure; one inside a longer string
 * takes only values that no escaping would change (else that use is rendered afresh). A card that
 * shows a placeholder in any other form (its case changed) is rendered afresh for every use. `build`
 * must put each placeholder in as it is (the tests check this for the real nudge cards).
 */
export function createStampedCards(options: { maxEntries?: number } = {}): StampedCards {
  const maxEntries = options.maxEntries ?? 512;
  const token = randomBytes(12).toString('hex');
  // Mixed case, so a template that changed a placeholder's case is noticed (see prepare).
  const placeholderOf = (i: number) => `Stamp${token}X${i}`;
  const entries = new Map<string, Entry>();

  /** The card's bytes with `values` in the slots; undefined when a value cannot go inside a string as it is. */
  const assemble = (entry: Entry, key: string, values: readonly string[]): Buffer | undefined => {
    const parts = entry.parts!;
    const stamps = values.map((v) => {
      const json = JSON.stringify(v);
      return { wholeUnits: json.length, whole: Buffer.from(json, 'utf8'), inner: Buffer.from(v, 'utf8') };
    });
    let bytes = entry.literalBytes;
    // As Teams measures it: UTF-16 code units of the whole card (see MAX_CARD_BYTES).
    let units = entry.literalUnits;
    for (const p of parts) {
      if (Buffer.isBuffer(p)) continue;
      if (!p.whole && !INERT.test(values[p.index]!)) return undefined;
      bytes += p.whole ? stamps[p.index]!.whole.length : stamps[p.index]!.inner.length;
      units += p.whole ? stamps[p.index]!.wholeUnits : values[p.index]!.length;
    }
    if (units * 2 >= MAX_CARD_BYTES) {
      throw new CardError('too_large', `Card ${key} is ${units * 2} bytes in UTF-16; the limit is ${MAX_CARD_BYTES}`);
    }
    const out = Buffer.allocUnsafe(bytes);
    let at = 0;
    for (const p of parts) {
      const chunk = Buffer.isBuffer(p) ? p : p.whole ? stamps[p.index]!.whole : stamps[p.index]!.inner;
      at += chunk.copy(out, at);
    }
    return out;
  };

  const RENDER_EACH_TIME: Entry = { literalBytes: 0, literalUnits: 0 };

  const prepare = (build: StampedCardBuilder, count: number): Entry => {
    const placeholders = Array.from({ length: count }, (_, i) => placeholderOf(i));
    const json = JSON.stringify(build(placeholders));
    const parts: (Buffer | Slot)[] = [];
    const found = new RegExp(`("?)Stamp${token}X(\\d+)("?)`, 'g');
    let from = 0;
    let literalBytes = 0;
    let literalUnits = 0;
    const literal = (text: string) => {
      const bytes = Buffer.from(text, 'utf8');
      literalBytes += bytes.length;
      literalUnits += text.length;
      parts.push(bytes);
    };
    for (const m of json.matchAll(found)) {
      const whole = m[1] === '"' && m[3] === '"';
      // A quote on one side only: the placeholder is inside a string; that quote stays as it is.
      const start = m.index + (whole ? 0 : m[1]!.length);
      literal(json.slice(from, start));
      parts.push({ index: Number(m[2]), whole });
      from = m.index + m[0].length - (whole ? 0 : m[3]!.length);
    }
    literal(json.slice(from));
    // The token in any other form (another case, say) means build changed a placeholder, and a
    // placeholder number beyond the values given is a mistake: render such a card each time.
    if (json.replace(found, '').toLowerCase().includes(token)) return RENDER_EACH_TIME;
    if (parts.some((p) => !Buffer.isBuffer(p) && p.index >= count)) return RENDER_EACH_TIME;
    return { parts, literalBytes, literalUnits };
  };

  const utf8 = (key: string, values: readonly string[], build: StampedCardBuilder): Buffer => {
    let entry = entries.get(key);
    if (entry) entries.delete(key);
    else {
      entry = prepare(build, values.length);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
    }
    entries.set(key, entry); // most recently used last
    return (entry.parts && assemble(entry, key, values)) ?? Buffer.from(JSON.stringify(build(values)), 'utf8');
  };

  return {
    card: (key, values, build) => JSON.parse(utf8(key, values, build).toString('utf8')) as AdaptiveCardJson,
    utf8,
  };
}
