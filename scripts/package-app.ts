/**
 * `npm run package`: builds build/appPackage.zip for upload to the Teams admin centre.
 * Settings come from the environment, then from .env at the repo root (see .env.example).
 * Exits 1 with every problem listed when a setting is missing or still a .env.example placeholder
 * (all-zero ids, example.* addresses; `--allow-placeholders` builds anyway) or the manifest fails the schema.
 */
import { join, relative } from 'node:path';
import { readDotEnv } from './app-package/dotenv';
import { PackageError } from './app-package/errors';
import { packageApp } from './app-package/build-package';

async function main(): Promise<void> {
  const root = join(__dirname, '..');
  const env = { ...readDotEnv(join(root, '.env')), ...process.env };
  const allowPlaceholders = process.argv.includes('--allow-placeholders');
  const { zipPath, manifest } = await packageApp({ env, outDir: join(root, 'build'), allowPlaceholders });
  console.log(`Manifest ${String(manifest.manifestVersion)} is valid. Wrote ${relative(process.cwd(), zipPath)}`);
  if (allowPlaceholders)
    console.log('Built with --allow-placeholders: check the ids and addresses before uploading it.');
}

main().catch((err: unknown) => {
  if (err instanceof PackageError) {
    console.error(`npm run package: ${err.message}`);
    for (const detail of err.details) console.error(`  - ${detail}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
