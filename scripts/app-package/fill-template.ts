import { PackageError } from './errors';
import type { PackageSettings } from './settings';

const PLACEHOLDER = /\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g;

/**
 * Replaces every `${{NAME}}` in the manifest template with its setting, JSON-escaped, and parses
 * the result. A placeholder with no setting is an error naming it, never an empty string.
 */
export function fillTemplate(template: string, settings: PackageSettings): Record<string, unknown> {
  const filled = template.replace(PLACEHOLDER, (_match, name: string) => {
    const value = settings[name];
    if (value === undefined) {
      throw new PackageError('MISSING_SETTING', `${name} is used in the manifest template but is not set.`);
    }
    return JSON.stringify(value).slice(1, -1);
  });
  try {
    return JSON.parse(filled) as Record<string, unknown>;
  } catch (err) {
    throw new PackageError('BAD_TEMPLATE', `The manifest template is not valid JSON: ${(err as Error).message}`);
  }
}
