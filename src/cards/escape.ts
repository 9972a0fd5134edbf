/**
 * Adaptive Card TextBlocks render a markdown subset (Teams adds its own autolinking). Anything a
 * person typed (a reflection) is shown back through {@link escapeCardText}, so that
 * `[click](https://evil)`, `**bold**` or `<script>` appear literally instead of as a link,
 * emphasis or markup, and a `${...}` in their text can never look like a template binding.
 */

// CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that start markup.
const INLINE_MARKUP = /[\\`*_[\]()<>~|!#]/g;
// Markers that only mean something at the start of a line: lists, quotes, headings, rules.
const LINE_START_MARKUP = /^(\s*)(\d*)([-+=.])/gm;

/** Returns `s` with markdown and HTML characters escaped so a TextBlock shows it exactly as typed. */
export function escapeCardText(s: string): string {
  return (
    s
      .replace(/\r\n?/g, '\n')
      .replace(INLINE_MARKUP, (c) => `\\${c}`)
      .replace(LINE_START_MARKUP, (_m, space: string, digits: string, marker: string) =>
        digits === '' && marker === '.' ? `${space}.` : `${space}${digits}\\${marker}`,
      )
      // `$\{` renders as `${` in markdown but is never a template binding.
      .replace(/\$\{/g, '$\\{')
  );
}
