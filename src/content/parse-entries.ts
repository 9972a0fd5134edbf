import type { z } from 'zod';

/** One data file's JSON, before validation. `file` is relative to the content folder, e.g. 'nudges/compassion.json'. */
export interface ContentFile {
  file: string;
  data: unknown;
}

/** Names an entry in messages: by its id when it has a string one, else by position. */
export function describeEntry(kind: string, raw: unknown, index: number): string {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 ? `${kind} "${id}"` : `${kind} #${index + 1}`;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
}

/**
 * Parses an array file entry by entry, so one bad entry does not hide the others.
 * Returns the entries that passed and a problem per failing field, naming file, entry id and field.
 */
export function parseEntries<S extends z.ZodType>(
  source: ContentFile,
  kind: string,
  schema: S,
): { entries: z.infer<S>[]; problems: string[] } {
  const problems: string[] = [];
  const entries: z.infer<S>[] = [];
  if (!Array.isArray(source.data)) {
    return { entries, problems: [`${source.file}: must be a JSON array of ${kind} entries`] };
  }
  source.data.forEach((raw, index) => {
    const result = schema.safeParse(raw, {
      error: (iss) => (iss.code === 'invalid_type' && iss.input === undefined ? 'is missing' : undefined),
    });
    if (result.success) {
      entries.push(result.data);
      return;
    }
    const entry = describeEntry(kind, raw, index);
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          problems.push(`${source.file}: ${entry} field "${formatPath([...issue.path, key])}": is not a known field`);
        }
        continue;
      }
      const field = formatPath(issue.path) || '(entry)';
      problems.push(`${source.file}: ${entry} field "${field}": ${issue.message}`);
    }
  });
  return { entries, problems };
}
