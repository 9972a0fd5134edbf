/**
 * botframework-connector's token extractor console.errors its own diagnostics when it refuses a
 * token: the whole TokenExpiredError with its stack, or "Error finding key for token. Available
 * keys: …" followed by a PEM key over many lines. Anyone can cause these by sending a bad token, and
 * the adapter already logs one compact `auth.refused` line for each (src/server/adapter.ts). This
 * drops exactly those two diagnostics and passes everything else to the console unchanged.
 */
type ConsoleLike = Pick<Console, 'error'>;

const isExtractorDiagnostic = (first: unknown): boolean =>
  (typeof first === 'string' && first.startsWith('Error finding key for token.')) ||
  (first instanceof Error && first.name === 'TokenExpiredError');

/** Installs the filter on `target` (the process console by default); returns a function that removes it. */
export function dropTokenExtractorDiagnostics(target: ConsoleLike = console): () => void {
  const original = target.error;
  const filtered = function (this: unknown, ...args: unknown[]): void {
    if (isExtractorDiagnostic(args[0])) return;
    original.apply(this, args);
  };
  target.error = filtered;
  return () => {
    if (target.error === filtered) target.error = original;
  };
}
