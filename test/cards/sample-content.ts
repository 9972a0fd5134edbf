import { SAMPLE_CONTENT } from '../../src/cards/sample-content';
import { loadContent } from '../../src/content/load';
import type { Content } from '../../src/content/types';

/**
 * The shipped content when it loads (so every real nudge and role is tested), else the small
 * sample content in src/cards/sample-content.ts. `source` says which, so a test can report it.
 */
export function contentForCardTests(): { content: Content; source: 'shipped' | 'sample' } {
  try {
    return { content: loadContent(), source: 'shipped' };
  } catch {
    return { content: SAMPLE_CONTENT, source: 'sample' };
  }
}
