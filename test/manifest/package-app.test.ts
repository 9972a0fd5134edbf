import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { COMMAND_NAMES, parseCommand } from '../../src/bot/command-router';
import { TEAM_COMMANDS } from '../../src/conversation/help';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { drawIcon } from '../../scripts/make-icons';
import { packageApp } from '../../scripts/app-package/build-package';
import { PackageError } from '../../scripts/app-package/errors';
import { parseDotEnv } from '../../scripts/app-package/dotenv';
import { listSchemaErrors } from '../../scripts/app-package/validate-manifest';

// @microsoft/app-manifest requires strip-bom, an ES module that jest (on Node 20) cannot require.
// Node itself loads it fine (`npm run package`); here a CommonJS stand-in does the same job.
jest.mock('strip-bom', () => ({ __esModule: true, default: (text: string) => text.replace(/^\uFEFF/, '') }));

const TEMPLATE_PATH = join(__dirname, '..', '..', 'manifest', 'manifest.json');

function testEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    APP_ID: '3f1c2a9e-6b7d-4e1f-9a2b-1c3d5e7f9a0b',
    BOT_ID: '8a4b6c2d-1e3f-4a5b-8c7d-9e0f1a2b3c4d',
    PUBLIC_HOSTNAME: 'nudges-test.azurewebsites.net',
    DEVELOPER_URL: 'https://www.riverside-pcn.nhs.uk/nudges',
    PRIVACY_URL: 'https://www.riverside-pcn.nhs.uk/nudges/privacy',
    TERMS_URL: 'https://www.riverside-pcn.nhs.uk/nudges/terms',
    DEVELOPER_NAME: 'Riverside PCN',
    ...overrides,
  };
}

/** The parts of the Teams manifest these tests read. */
interface BuiltManifest {
  manifestVersion: string;
  defaultInstallScope?: string;
  supportedChannelTypes?: string[];
  id: string;
  validDomains: string[];
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
}

async function caught(promise: Promise<unknown>): Promise<PackageError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof PackageError) return err;
    throw err;
  }
  throw new Error('expected a PackageError');
}

describe('npm run package', () => {
  let outDir: string;
  beforeEach(() => {
    outDir = mkdtempSync(join(tmpdir(), 'app-package-'));
  });
  afterEach(() => rmSync(outDir, { recursive: true, force: true }));

  it('writes a zip with a schema-valid manifest and correctly sized icons at its root', async () => {
    const { zipPath } = await packageApp({ env: testEnv(), outDir });

    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as BuiltManifest;
    expect(await listSchemaErrors({ ...manifest })).toEqual([]);
    expect(manifest.manifestVersion).toBe('1.30');
    // "Add" installs for the person first: the weekly nudge is personal; teams are a second choice.
    expect(manifest.defaultInstallScope).toBe('personal');
    expect(manifest.id).toBe(testEnv().APP_ID);
    expect(manifest.bots[0]!.botId).toBe(testEnv().BOT_ID);
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team']);
    // Standard channels only: a shared channel can hold people from outside the team and the
    // organisation, and team results are counted per team (see infra/README.md).
    expect(manifest.supportedChannelTypes).toBeUndefined();
    expect(manifest.validDomains).toEqual(['nudges-test.azurewebsites.net']);
    expect(JSON.stringify(manifest)).not.toContain('${{');
    for (const [file, size] of [
      ['color.png', 192],
      ['outline.png', 32],
    ] as const) {
      const png = PNG.sync.read(await zip.file(file)!.async('nodebuffer'));
      expect([png.width, png.height]).toEqual([size, size]);
    }
  });

  it('lists the bot commands for personal chat and for teams', async () => {
    const { manifest } = await packageApp({ env: testEnv(), outDir });
    const lists = (manifest as unknown as BuiltManifest).bots[0]!.commandLists;
    const titles = (scope: string) => lists.find((l) => l.scopes.includes(scope))!.commands.map((c) => c.title);
    // The same lists the bot answers: every personal command but insights (for viewers only), and the team ones.
    expect([...titles('personal')].sort()).toEqual(
      COMMAND_NAMES.filter((c) => c !== 'insights' && c !== 'status').sort(),
    );
    expect([...titles('team')].sort()).toEqual([...TEAM_COMMANDS].sort());
    for (const title of [...titles('personal'), ...titles('team')]) expect(parseCommand(title)?.name).toBe(title);
    // Each description says what the command does: "nudge" sends an extra one (not this week's),
    // "history" shows reflections and answers (not the nudges received).
    const described = (title: string) =>
      lists.find((l) => l.scopes.includes('personal'))!.commands.find((c) => c.title === title)!.description;
    expect(described('nudge')).toBe('Send me an extra nudge now (my weekly one still comes)');
    expect(described('history')).toBe('My reflections, poll answers and self-ratings');
  });

  it('derives the host name from PUBLIC_BASE_URL when PUBLIC_HOSTNAME is not set', async () => {
    const env = testEnv({ PUBLIC_HOSTNAME: undefined, PUBLIC_BASE_URL: 'https://nudges-b.azurewebsites.net/' });
    const { manifest } = await packageApp({ env, outDir });
    expect(manifest.validDomains).toEqual(['nudges-b.azurewebsites.net']);
  });

  it('refuses the .env.example placeholders, naming each, unless allowed', async () => {
    const example = parseDotEnv(readFileSync(join(__dirname, '..', '..', '.env.example'), 'utf8'));
    const err = await caught(packageApp({ env: example, outDir }));
    expect(err.code).toBe('PLACEHOLDER_SETTING');
    expect(err.message).toMatch(/--allow-placeholders/);
    const named = err.details.map((d) => d.split(' ')[0]);
    expect(named).toEqual([
      'APP_ID',
      'BOT_ID',
      'PUBLIC_HOSTNAME',
      'DEVELOPER_URL',
      'PRIVACY_URL',
      'TERMS_URL',
      'DEVELOPER_NAME',
    ]);
    expect(() => readFileSync(join(outDir, 'appPackage.zip'))).toThrow();
    const built = await packageApp({ env: example, outDir, allowPlaceholders: true });
    expect(readFileSync(built.zipPath).length).toBeGreaterThan(0);
  });

  it('refuses to publish without a publisher name, or as "NHS primary care", unless placeholders are allowed', async () => {
    for (const name of [undefined, 'NHS primary care', 'NHS', 'nhs england']) {
      const err = await caught(packageApp({ env: testEnv({ DEVELOPER_NAME: name }), outDir }));
      expect(err.code).toBe('PLACEHOLDER_SETTING');
      expect(err.details).toHaveLength(1);
      expect(err.details[0]).toMatch(/^DEVELOPER_NAME /);
    }
    const test = await packageApp({ env: testEnv({ DEVELOPER_NAME: undefined }), outDir, allowPlaceholders: true });
    const manifest = test.manifest as unknown as { developer: { name: string } };
    expect(manifest.developer.name).toBe('DEVELOPER_NAME not set');
    expect(manifest.developer.name).not.toMatch(/NHS/);
    const real = await packageApp({ env: testEnv({ DEVELOPER_NAME: 'Riverside PCN' }), outDir });
    expect((real.manifest as unknown as { developer: { name: string } }).developer.name).toBe('Riverside PCN');
  });

  it('refuses a missing setting, naming it', async () => {
    const err = await caught(packageApp({ env: testEnv({ BOT_ID: undefined }), outDir }));
    expect(err.code).toBe('MISSING_SETTING');
    expect(err.message).toMatch(/^BOT_ID is not set/);
  });

  it('refuses a bot id that is not a GUID, listing the schema error', async () => {
    const err = await caught(packageApp({ env: testEnv({ BOT_ID: 'not-a-guid' }), outDir }));
    expect(err.code).toBe('SCHEMA_INVALID');
    expect(err.details).toEqual([expect.stringMatching(/^\/bots\/0\/botId must match pattern/)]);
  });

  it('refuses a template missing required fields, listing each error, and writes no zip', async () => {
    const broken = JSON.parse(readFileSync(TEMPLATE_PATH, 'utf8')) as Record<string, unknown>;
    delete broken.accentColor;
    delete broken.description;
    const err = await caught(packageApp({ env: testEnv(), outDir, template: JSON.stringify(broken) }));
    expect(err.code).toBe('SCHEMA_INVALID');
    expect(err.details).toEqual(
      expect.arrayContaining([
        expect.stringContaining("must have required property 'accentColor'"),
        expect.stringContaining("must have required property 'description'"),
      ]),
    );
    expect(() => readFileSync(join(outDir, 'appPackage.zip'))).toThrow();
  });

  it('refuses a host name given as a URL', async () => {
    const err = await caught(packageApp({ env: testEnv({ PUBLIC_HOSTNAME: 'https://x.azurewebsites.net' }), outDir }));
    expect(err.code).toBe('BAD_SETTING');
  });

  it('refuses an icon of the wrong size', async () => {
    const manifestDir = mkdtempSync(join(tmpdir(), 'manifest-'));
    copyFileSync(TEMPLATE_PATH, join(manifestDir, 'manifest.json'));
    writeFileSync(join(manifestDir, 'color.png'), drawIcon(96, { r: 0, g: 94, b: 184 }));
    writeFileSync(join(manifestDir, 'outline.png'), drawIcon(32));
    const err = await caught(packageApp({ env: testEnv(), outDir, manifestDir }));
    rmSync(manifestDir, { recursive: true, force: true });
    expect(err.code).toBe('BAD_ICON');
    expect(err.message).toContain('color.png must be 192x192 pixels, it is 96x96');
  });
});

describe('.env parsing', () => {
  it('reads KEY=VALUE lines, skipping comments and unquoting values', () => {
    const text = '# comment\nAPP_ID=abc\nexport BOT_ID="d e f"\nTERMS_URL=https://x/t # trailing\n\nbad line\n';
    expect(parseDotEnv(text)).toEqual({ APP_ID: 'abc', BOT_ID: 'd e f', TERMS_URL: 'https://x/t' });
  });
});
