import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { checkIcon, ICON_RULES } from './check-icon';
import { fillTemplate } from './fill-template';
import { PackageError } from './errors';
import { findPlaceholders, resolveSettings } from './settings';
import { assertValidManifest } from './validate-manifest';

export interface PackageOptions {
  /** Settings source (process.env merged over .env by the CLI). */
  env: Record<string, string | undefined>;
  /** Folder that receives appPackage.zip. */
  outDir: string;
  /** Folder holding manifest.json (the template) and the icons; defaults to the repo's manifest/. */
  manifestDir?: string;
  /** Template text to use instead of manifestDir/manifest.json (tests use it to break the manifest). */
  template?: string;
  /** App version when APP_VERSION is not set; defaults to package.json's version. */
  version?: string;
  /** Build even with .env.example placeholders (all-zero ids, example URLs), e.g. to try the upload flow. */
  allowPlaceholders?: boolean;
}

export interface PackageResult {
  zipPath: string;
  manifest: Record<string, unknown>;
}

const ROOT = join(__dirname, '..', '..');

/**
 * Builds the Teams app package: fills the manifest template, validates it against the bundled
 * Teams schema, checks the icons and writes `appPackage.zip` with manifest.json, color.png and
 * outline.png at its root. Nothing is written unless every check passes; failures are PackageErrors.
 */
export async function packageApp(options: PackageOptions): Promise<PackageResult> {
  const manifestDir = options.manifestDir ?? join(ROOT, 'manifest');
  const template = options.template ?? readFileSync(join(manifestDir, 'manifest.json'), 'utf8');
  const settings = resolveSettings(options.env, { version: options.version ?? readPackageVersion() });
  const placeholders = findPlaceholders(settings);
  if (placeholders.length > 0 && !options.allowPlaceholders) {
    throw new PackageError(
      'PLACEHOLDER_SETTING',
      'some settings are still the .env.example placeholders, so this package would not work in Teams. Set real values in .env (or the environment), or pass --allow-placeholders to build a test package anyway:',
      placeholders,
    );
  }
  const manifest = fillTemplate(template, settings);
  await assertValidManifest(manifest);

  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  for (const rule of ICON_RULES) {
    const png = readFileSync(join(manifestDir, rule.file));
    checkIcon(png, rule);
    zip.file(rule.file, png);
  }
  const content = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(options.outDir, { recursive: true });
  const zipPath = join(options.outDir, 'appPackage.zip');
  writeFileSync(zipPath, content);
  return { zipPath, manifest };
}

function readPackageVersion(): string {
  return (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
}
