import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('architecture', () => {
  it('imports botbuilder only in the HTTP server and the bot handlers', () => {
    const offenders = sourceFiles(join(root, 'src'))
      .map((file) => relative(root, file))
      .filter((file) => !file.startsWith('src/server/') && !file.startsWith('src/bot/'))
      .filter((file) =>
        /from ['"](botbuilder|botframework-)[^'"]*['"]|require\(['"](botbuilder|botframework-)/.test(
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
});
