import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createScriptTransformer } from '@jest/transform';
import type { Config } from '@jest/types';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Compiles the TypeScript under `src/` and `test/` that test files share into jest's transform cache once, before the
 * workers start. On a fresh clone each worker otherwise compiled nearly all of `src/` itself, at the
 * same moment (their first test files all load the bot): about 40 s of CPU, three times over. The
 * options are jest-runtime's defaults for a CommonJS test, so the workers' cache keys match.
 */
export async function prewarmTransforms(config: Config.ProjectConfig): Promise<number> {
  const transformer = await createScriptTransformer(config);
  // Test files themselves are each loaded by one worker only: what the workers share is the rest.
  const files = [join(config.rootDir, 'src'), join(config.rootDir, 'test')]
    .flatMap(tsFiles)
    .filter((f) => !f.endsWith('.test.ts'));
  for (const file of files) {
    transformer.transform(
      file,
      {
        collectCoverage: false,
        collectCoverageFrom: [],
        coverageProvider: 'babel',
        isInternalModule: false,
        supportsDynamicImport: false,
        supportsExportNamespaceFrom: false,
        supportsStaticESM: false,
        supportsTopLevelAwait: false,
      },
      readFileSync(file, 'utf8'),
    );
  }
  return files.length;
}
