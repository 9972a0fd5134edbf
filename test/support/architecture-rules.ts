/**
 * The layering rules of src/, as functions over source files (path + text) so a test can run
 * them on the real tree and on synthetic files that break them. Parts are the top-level folders
 * of src/ and its root files (see import-graph.ts).
 */
import { importsOf, partCycles, partOf, type Import, type SourceFile } from './import-graph';

export interface Rule {
  name: string;
  /** One line per offending import (or cycle); empty when the rule holds. */
  check(files: readonly SourceFile[]): string[];
}

const offence = (imp: Import): string => `${imp.from}:${imp.line} imports '${imp.specifier}'`;

/** Imports of files in `parts` that `offends` rejects. */
function importRule(
  name: string,
  parts: readonly string[],
  offends: (imp: Import, paths: ReadonlySet<string>) => boolean,
): Rule {
  return {
    name,
    check(files) {
      const paths = new Set(files.map((f) => f.path));
      return files
        .filter((f) => parts.includes(partOf(f.path, paths) ?? ''))
        .flatMap(importsOf)
        .filter((imp) => offends(imp, paths))
        .map(offence);
    },
  };
}

const targetPart = (imp: Import, paths: ReadonlySet<string>) => (imp.target ? partOf(imp.target, paths) : undefined);

/** The composition roots: the only files that choose a store and read the environment. */
const isCompositionRoot = (file: string): boolean =>
  file === 'src/app.ts' || file === 'src/index.ts' || file.startsWith('src/cli/');

/**
 * "Config loading" is the `loadConfig` function of src/config.ts (it reads process.env). Importing
 * the `Config` type, `ConfigError` or `isValidTimeZone` from there is fine anywhere: those are
 * values passed in or pure checks. A namespace import, `import()` or `require()` of src/config.ts
 * counts as loading, since it reaches `loadConfig` too.
 */
function loadsConfig(imp: Import): boolean {
  if (imp.target !== 'src/config') return false;
  if (/^import\s+type\b/.test(imp.statement)) return false;
  return /\bloadConfig\b|\*\s+as\b|^import\(|^require\(/.test(imp.statement);
}

export const RULES: readonly Rule[] = [
  importRule(
    'domain imports nothing from src outside domain (node built-ins at most)',
    ['domain'],
    (imp) =>
      !(imp.target?.startsWith('src/domain/') || imp.target === 'src/domain' || imp.specifier.startsWith('node:')),
  ),
  importRule(
    'portfolio imports from src only domain (it is pure: documents, templates, identifier checks)',
    ['portfolio'],
    (imp, paths) => imp.target !== undefined && !['domain', 'portfolio'].includes(targetPart(imp, paths) ?? ''),
  ),
  importRule(
    'content and cards never import store',
    ['content', 'cards'],
    (imp, paths) => targetPart(imp, paths) === 'store',
  ),
  importRule(
    'delivery, conversation, team and insights never import server or bot',
    ['delivery', 'conversation', 'team', 'insights'],
    (imp, paths) => ['server', 'bot'].includes(targetPart(imp, paths) ?? ''),
  ),
  importRule(
    'practice imports only domain, store and content (conversation, team and insights build on it)',
    ['practice'],
    (imp, paths) =>
      imp.target !== undefined && !['domain', 'store', 'content', 'practice'].includes(targetPart(imp, paths) ?? ''),
  ),
  importRule(
    'conversation imports from delivery only delivery/engine-port',
    ['conversation'],
    (imp, paths) => targetPart(imp, paths) === 'delivery' && imp.target !== 'src/delivery/engine-port',
  ),
  {
    name: 'only the composition roots (src/app.ts, src/index.ts, src/cli/) create the store or load config',
    check(files) {
      return files
        .filter((f) => f.path.startsWith('src/') && !isCompositionRoot(f.path))
        .flatMap(importsOf)
        .filter(
          (imp) => loadsConfig(imp) || (imp.target === 'src/store/create-store' && !imp.from.startsWith('src/store/')),
        )
        .map(offence);
    },
  },
  {
    name: 'no import cycles between parts',
    check: (files) => partCycles(files).map((cycle) => cycle.join(' -> ')),
  },
];

/** Every broken rule, as "rule: offence" lines. */
export function architectureViolations(files: readonly SourceFile[]): string[] {
  return RULES.flatMap((rule) => rule.check(files).map((line) => `${rule.name}: ${line}`));
}
