/**
 * Reads the import statements of TypeScript sources (given as path + text, so tests can feed
 * synthetic files) and maps them onto "parts" of src: a top-level folder (`src/delivery/...` is
 * `delivery`) or, for a file directly in src, the file itself (`src/config.ts` is `config.ts`).
 */
import { posix } from 'node:path';

export interface SourceFile {
  /** Repository-relative path with forward slashes, e.g. 'src/delivery/run-tick.ts'. */
  path: string;
  text: string;
}

export interface Import {
  /** The importing file. */
  from: string;
  /** The module specifier as written. */
  specifier: string;
  /** The statement as written, up to the specifier (e.g. "import { loadConfig } from '../config'"). */
  statement: string;
  /** The imported file, repository-relative and without extension (e.g. 'src/store/create-store'), for relative specifiers. */
  target?: string;
  line: number;
}

const IMPORT_PATTERNS = [
  // import x from '...'; import { a } from '...'; import type { a } from '...'; export { a } from '...'; export * from '...'
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
  // import('...')
  /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
  // require('...')
  /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Blanks out comments so commented-out imports are not read (keeps line numbers and string contents). */
function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|(^|[^:'"`])\/\/.*$/gm, (match, prefix: string | undefined) =>
    prefix === undefined ? match.replace(/[^\n]/g, ' ') : prefix + ' '.repeat(match.length - prefix.length),
  );
}

export function importsOf(file: SourceFile): Import[] {
  const text = withoutComments(file.text);
  const found: Import[] = [];
  for (const pattern of IMPORT_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const specifier = match[1] ?? '';
      const line = text.slice(0, match.index).split('\n').length;
      const target = specifier.startsWith('.')
        ? posix.join(posix.dirname(file.path), specifier).replace(/\.(ts|js|json)$/, '')
        : undefined;
      found.push({ from: file.path, specifier, statement: match[0], target, line });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/**
 * The part a repository-relative path belongs to, or undefined outside src. An import target
 * written without extension directly under src (`../telemetry`) is a file part when `src/x.ts`
 * is among `paths`, otherwise the folder `src/x/` (its index).
 */
export function partOf(path: string, paths: ReadonlySet<string> = new Set()): string | undefined {
  const match = /^src\/([^/]+)(\/)?/.exec(path);
  if (!match?.[1]) return undefined;
  if (match[2]) return match[1];
  if (/\.(ts|js|json)$/.test(match[1])) return match[1].replace(/\.js$/, '.ts');
  return paths.has(`${path}.ts`) ? `${match[1]}.ts` : match[1];
}

export interface PartEdge {
  from: string;
  to: string;
  imp: Import;
}

/** Every import from one part of src into another (imports within a part and of packages are left out). */
export function partEdges(files: readonly SourceFile[]): PartEdge[] {
  const paths = new Set(files.map((file) => file.path));
  return files.flatMap((file) => {
    const from = partOf(file.path, paths);
    if (!from) return [];
    return importsOf(file).flatMap((imp) => {
      const to = imp.target ? partOf(imp.target, paths) : undefined;
      return to && to !== from ? [{ from, to, imp }] : [];
    });
  });
}

/** Import statements counted per pair of parts, as "from -> to: n" lines sorted by name. */
export function importCounts(files: readonly SourceFile[]): string[] {
  const counts = new Map<string, number>();
  for (const edge of partEdges(files)) {
    const key = `${edge.from} -> ${edge.to}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => `${key}: ${n}`);
}

/** The cycles in the part graph, each as a list of parts starting and ending at the same part. */
export function partCycles(files: readonly SourceFile[]): string[][] {
  const graph = new Map<string, Set<string>>();
  for (const { from, to } of partEdges(files)) {
    graph.set(from, (graph.get(from) ?? new Set()).add(to));
  }
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const visit = (part: string, path: string[]): void => {
    const at = path.indexOf(part);
    if (at >= 0) {
      const cycle = path.slice(at).concat(part);
      const key = [...cycle.slice(0, -1)].sort().join(',');
      if (!seen.has(key)) {
        seen.add(key);
        cycles.push(cycle);
      }
      return;
    }
    for (const next of [...(graph.get(part) ?? [])].sort()) visit(next, path.concat(part));
  };
  const done = new Set<string>();
  for (const part of [...graph.keys()].sort()) {
    if (done.has(part)) continue;
    visit(part, []);
    done.add(part);
  }
  return cycles;
}
