/**
 * Node warnings we know about, cannot fix here, and do not want people to read as failures.
 *
 * None today. DEP0111 ("Access to process.binding('http_parser') is deprecated") came from
 * restify 11's spdy dependency; restify 12 dropped spdy, so it is no longer raised. Every warning
 * is printed, in Node's own format.
 */
export const KNOWN_WARNING_CODES: readonly string[] = [];

type WarningProcess = Pick<NodeJS.Process, 'on' | 'listeners' | 'removeListener'> & {
  stderr: { write(text: string): unknown };
  pid: number;
};

let installed = false;

/**
 * Replaces Node's default warning printer with one that skips `codes` (default {@link KNOWN_WARNING_CODES}) and
 * prints every other warning as Node would. Idempotent; call before loading restify.
 */
export function silenceKnownWarnings(
  proc: WarningProcess = process,
  codes: readonly string[] = KNOWN_WARNING_CODES,
): void {
  if (installed) return;
  installed = true;
  for (const listener of proc.listeners('warning')) proc.removeListener('warning', listener as () => void);
  proc.on('warning', (warning: Error & { code?: string }) => {
    if (warning.code && codes.includes(warning.code)) return;
    const code = warning.code ? `[${warning.code}] ` : '';
    proc.stderr.write(`(node:${proc.pid}) ${code}${warning.name}: ${warning.message}\n`);
  });
}

/** The NODE_OPTIONS flags that do the same for a child Node process (Node 20.11 and later). */
export const KNOWN_WARNING_FLAGS = KNOWN_WARNING_CODES.map((code) => `--disable-warning=${code}`).join(' ');
