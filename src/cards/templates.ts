import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { projectRoot } from '../paths';
import { CardError } from './errors';
import { CARD_NAMES, type CardName } from './types';

/** Every card template, read and parsed once; each is prepared for expansion on its first use. */
export interface TemplateSet {
  get(name: CardName): ACData.Template | undefined;
}

export interface LoadTemplatesOptions {
  /** Folder holding `<name>.json` templates; defaults to the project's top-level `cards/`. */
  dir?: string;
  /** Reads a file as UTF-8; injectable so tests can count reads. */
  readFile?: (path: string) => string;
}

/**
 * Reads and parses every template in {@link CARD_NAMES} at once, so a missing or broken file stops
 * start-up; throws CardError `template_invalid` naming the file. Each `Template` object (preparing
 * it parses every `${...}` expression, about 10 ms a card) is built the first time it is needed and
 * then kept: an app that sends a few kinds of card does not prepare all of them.
 */
export function loadTemplates(options: LoadTemplatesOptions = {}): TemplateSet {
  const dir = options.dir ?? join(projectRoot(), 'cards');
  const readFile = options.readFile ?? ((path: string) => readFileSync(path, 'utf8'));
  const parsed = new Map<CardName, unknown>();
  for (const name of CARD_NAMES) {
    const path = join(dir, `${name}.json`);
    let json: unknown;
    try {
      json = JSON.parse(readFile(path));
    } catch (e) {
      throw new CardError('template_invalid', `Card template ${path} is missing or is not valid JSON`, e);
    }
    parsed.set(name, json);
  }
  const prepared = new Map<CardName, ACData.Template>();
  return {
    get(name) {
      let template = prepared.get(name);
      if (!template && parsed.has(name)) {
        template = new ACData.Template(parsed.get(name));
        prepared.set(name, template);
      }
      return template;
    },
  };
}
