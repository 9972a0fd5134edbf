import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../paths';
import { ContentError } from './errors';
import type { ContentFile } from './parse-entries';
import type { Content } from './types';
import { validateContent, type ContentFiles } from './validate';

/** The shipped content folder: src/content/data under the project root (also used when running from dist/). */
export const defaultContentDir = (): string => join(projectRoot(), 'src', 'content', 'data');

function readJson(dir: string, file: string): ContentFile {
  const path = join(dir, file);
  if (!existsSync(path)) throw new ContentError('unreadable', [`${file}: file not found in ${dir}`]);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ContentError('unreadable', [`${file}: cannot be read (${(e as Error).message})`]);
  }
  try {
    return { file, data: JSON.parse(text) as unknown };
  } catch (e) {
    throw new ContentError('unreadable', [`${file}: is not valid JSON (${(e as Error).message})`]);
  }
}

function readNudgeFiles(dir: string): ContentFile[] {
  const folder = join(dir, 'nudges');
  if (!existsSync(folder)) throw new ContentError('unreadable', [`nudges/: folder not found in ${dir}`]);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => readJson(dir, `nudges/${f}`));
}

function readContentFiles(dir: string): ContentFiles {
  return {
    behaviours: readJson(dir, 'behaviours.json'),
    roles: readJson(dir, 'roles.json'),
    ways: readJson(dir, 'ways.json'),
    courses: readJson(dir, 'courses.json'),
    nudges: readNudgeFiles(dir),
    teamNudges: existsSync(join(dir, 'team-nudges.json')) ? readJson(dir, 'team-nudges.json') : undefined,
    signposting: existsSync(join(dir, 'signposting.json')) ? readJson(dir, 'signposting.json') : undefined,
    nationTerms: readJson(dir, 'nation-terms.json'),
  };
}

/**
 * Reads, parses and validates the content folder once (call it at start-up) and returns typed Content.
 * Throws ContentError listing every problem, each naming the file, the entry id and the field.
 */
export function loadContent(dir: string = defaultContentDir()): Content {
  const { content, problems } = validateContent(readContentFiles(dir));
  if (!content) throw new ContentError('invalid', problems);
  return content;
}

/** Like loadContent, but reports instead of throwing: for `npm run content:check`. */
export function checkContent(dir: string = defaultContentDir()): {
  ok: boolean;
  problems: string[];
  content?: Content;
} {
  try {
    const content = loadContent(dir);
    return { ok: true, problems: [], content };
  } catch (e) {
    if (e instanceof ContentError) return { ok: false, problems: e.problems };
    throw e;
  }
}
