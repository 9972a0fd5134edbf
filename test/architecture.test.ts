import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { architectureViolations, RULES } from './support/architecture-rules';
import { importsOf, partCycles, type SourceFile } from './support/import-graph';

const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The real tree: every .ts file under src/, repository-relative with forward slashes. */
const srcFiles: SourceFile[] = sourceFiles(join(root, 'src')).map((file) => ({
  path: relative(root, file).split('\\').join('/'),
  text: readFileSync(file, 'utf8'),
}));

describe('architecture', () => {
  it('imports botbuilder (or its successor, the Agents SDK) only in the HTTP server and the bot handlers', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .map((file) => relative(root, file))
      .filter((file) => !file.startsWith('src/server/') && !file.startsWith('src/bot/'))
      .filter((file) =>
        /from ['"](botbuilder|botframework-|@microsoft\/agents-)[^'"]*['"]|require\(['"](botbuilder|botframework-|@microsoft\/agents-)/.test(
          readFileSync(join(root, file), 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('has botbuilder at the edge at all (the check above looks at real imports)', () => {
    const edge = sourceFiles(join(root, 'src', 'bot')).filter((f) =>
      /from ['"]botbuilder['"]/.test(readFileSync(f, 'utf8')),
    );
    expect(edge.length).toBeGreaterThan(0);
  });

  it.each(RULES.map((rule) => [rule.name, rule] as const))('holds in src: %s', (_name, rule) => {
    expect(rule.check(srcFiles)).toEqual([]);
  });

  it('reads the real imports of src (the rules above have something to check)', () => {
    const imports = srcFiles.flatMap(importsOf);
    expect(imports.filter((i) => i.target?.startsWith('src/domain')).length).toBeGreaterThan(20);
    expect(imports.some((i) => i.target === 'src/delivery/engine-port' && i.from.startsWith('src/conversation/'))).toBe(
      true,
    );
    expect(imports.some((i) => i.target === 'src/store/create-store' && i.from.startsWith('src/cli/'))).toBe(true);
  });
});

describe('architecture rules fail on a violation', () => {
  /** The violations of one synthetic file on its own (independent of the real tree). */
  const violationsOf = (path: string, text: string) => architectureViolations([{ path, text }]);

  it('reads static imports, re-exports, import() and require(), but not comments', () => {
    const file = {
      path: 'src/x/a.ts',
      text: [
        "import { a } from '../y/a';",
        "import type {\n  B,\n} from '../y/b';",
        "export * from '../y/c';",
        "export { d } from './d';",
        "const e = await import('../y/e');",
        "const f = require('../y/f');",
        "// import { g } from '../y/g';",
        "/* import { h } from '../y/h'; */",
        "import 'node:fs';",
      ].join('\n'),
    };
    expect(importsOf(file).map((i) => i.target ?? i.specifier)).toEqual([
      'src/y/a',
      'src/y/b',
      'src/y/c',
      'src/x/d',
      'src/y/e',
      'src/y/f',
      'node:fs',
    ]);
  });

  it('domain: an import from another part', () => {
    expect(violationsOf('src/domain/bad.ts', "import type { Store } from '../store/port';\n")).toEqual(
      expect.arrayContaining([
        "domain imports nothing from src outside domain (node built-ins at most): src/domain/bad.ts:1 imports '../store/port'",
      ]),
    );
  });

  it('domain: a package import', () => {
    expect(violationsOf('src/domain/bad.ts', "import { z } from 'zod';\n")).toHaveLength(1);
  });

  it('content or cards importing store', () => {
    expect(violationsOf('src/cards/bad.ts', "import { isPreconditionFailed } from '../store/errors';\n")).toEqual([
      "content and cards never import store: src/cards/bad.ts:1 imports '../store/errors'",
    ]);
    expect(violationsOf('src/content/bad.ts', "const s = require('../store/port');\n")).toHaveLength(1);
  });

  it('delivery, conversation, team or insights importing the edge', () => {
    expect(violationsOf('src/team/bad.ts', "const { createAdapter } = await import('../server/adapter');\n")).toEqual(
      expect.arrayContaining([
        "delivery, conversation, team and insights never import server or bot: src/team/bad.ts:1 imports '../server/adapter'",
      ]),
    );
  });

  it('practice importing a part built on it (conversation, team, insights) or the edge', () => {
    expect(
      violationsOf('src/practice/bad.ts', "import { ConversationError } from '../conversation/errors';\n"),
    ).toEqual([
      "practice imports only domain, store and content (conversation, team and insights build on it): src/practice/bad.ts:1 imports '../conversation/errors'",
    ]);
    expect(violationsOf('src/practice/bad.ts', "import { errorReply } from '../bot/error-reply';\n")).toHaveLength(1);
    expect(violationsOf('src/practice/ok.ts', "import { PLACES } from '../content/places';\n")).toEqual([]);
  });

  it('conversation importing delivery internals', () => {
    expect(
      violationsOf('src/conversation/bad.ts', "import { selectNudge } from '../delivery/select-nudge';\n"),
    ).toEqual([
      "conversation imports from delivery only delivery/engine-port: src/conversation/bad.ts:1 imports '../delivery/select-nudge'",
    ]);
  });

  it('config loading or store creation outside the composition roots (a Config type is fine)', () => {
    expect(violationsOf('src/insights/bad.ts', "import { loadConfig, type Config } from '../config';\n")).toEqual([
      "only the composition roots (src/app.ts, src/index.ts, src/cli/) create the store or load config: src/insights/bad.ts:1 imports '../config'",
    ]);
    expect(violationsOf('src/delivery/bad.ts', "import { createStore } from '../store/create-store';\n")).toHaveLength(
      1,
    );
    expect(violationsOf('src/delivery/ok.ts', "import type { Config } from '../config';\n")).toEqual([]);
    expect(violationsOf('src/cli/ok.ts', "import { loadConfig } from '../config';\n")).toEqual([]);
  });

  it('a cycle between parts', () => {
    const files = [
      { path: 'src/a/one.ts', text: "import { two } from '../b/two';\n" },
      { path: 'src/b/two.ts', text: "import { three } from '../three';\n" },
      { path: 'src/three.ts', text: "export * from './a/one';\n" },
    ];
    expect(partCycles(files)).toEqual([['a', 'b', 'three.ts', 'a']]);
    const domainToStore = [
      { path: 'src/store/port.ts', text: "import type { UserRecord } from '../domain';\n" },
      { path: 'src/domain/bad.ts', text: "export * from '../store/port';\n" },
    ];
    expect(architectureViolations(domainToStore)).toEqual(
      expect.arrayContaining(['no import cycles between parts: domain -> store -> domain']),
    );
  });
});
