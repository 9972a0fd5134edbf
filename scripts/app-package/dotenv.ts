import { existsSync, readFileSync } from 'node:fs';

/**
 * Reads a `.env` file (KEY=VALUE lines, `#` comments, optional `export ` and quotes) into a map.
 * A missing file gives an empty map: settings may come from the environment alone.
 */
export function readDotEnv(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  return parseDotEnv(readFileSync(path, 'utf8'));
}

/** Parses `.env` text. No variable expansion, no multi-line values: the package settings need neither. */
export function parseDotEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    const [, key, rawValue] = match as unknown as [string, string, string];
    const quoted = /^(['"])(.*)\1$/.exec(rawValue);
    values[key] = quoted ? (quoted[2] ?? '') : rawValue.replace(/\s+#.*$/, '');
  }
  return values;
}
