/**
 * Text a person typed, made safe to keep and show: control characters (security review L3: 2,000
 * U+0001 became 12,000 characters of `\u0001` in a card's JSON, and the history card broke Teams'
 * size limit), direction overrides that make text read differently from what it holds, and lone
 * surrogate halves (also six characters each in JSON) are removed. Line breaks and tabs are kept,
 * with Windows and old Mac line ends made `\n`.
 */

// C0 controls except tab and line feed; DEL; C1 controls; bidirectional embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `text` without control characters (tabs and line breaks kept) and with no lone surrogate halves. */
export function stripControlCharacters(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE, '').replace(LONE_SURROGATE, '');
}
