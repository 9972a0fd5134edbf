import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { projectRoot } from '../paths';
import { CardError } from './errors';
import { CARD_NAMES, type CardName } from './types';

/** Every card template, parsed and prepared once. */
export type TemplateSet = ReadonlyMap<CardName, ACData.Template>;

export interface LoadTemplatesOptions {
  /** Folder holding `<name>.json` templates; defaults to the project's top-level `cards/`. */
  dir?: string;
  /** Reads a file as UTF-8; injectable so tests can count reads. */
  readFile?: (path: string) => string;
}

/**
 * Reads and parses every template in {@link CARD_NAMES} and builds its `Template` object, once.
 * Throws CardError `template_invalid` naming the file when one is missing or is not JSON.
 */
export function loadTemplates(options: LoadTemplatesOptions = {}): TemplateSet {
  const dir = options.dir ?? join(projectRoot(), 'cards');
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const templates = new Map<CardName, ACData.Template>();
  for (const name of CARD_NAMES) {
    const path = join(dir, `${name}.json`);
    let json: unknown;
    try {
      json = JSON.parse(readFile(path));
    } catch (e) {
      throw new CardError('template_invalid', `Card template ${path} is missing or is not valid JSON`, e);
    }
    templates.set(name, new ACData.Template(json));
  }
  return templates;
}
