import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import { PackageError } from './errors';

/**
 * Validates a filled manifest against the Teams schema named in its `$schema`. The schema is
 * loaded from the copies bundled in @microsoft/app-manifest (offline). Resolves to the list of
 * schema errors, empty when the manifest is valid.
 */
export async function listSchemaErrors(manifest: Record<string, unknown>): Promise<string[]> {
  if (typeof manifest.$schema !== 'string') return ['/$schema is missing: set it to the Teams manifest schema URL.'];
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest);
}

/** Throws SCHEMA_INVALID, with every schema error in `details`, unless the manifest is valid. */
export async function assertValidManifest(manifest: Record<string, unknown>): Promise<void> {
  const errors = await listSchemaErrors(manifest);
  if (errors.length > 0) {
    throw new PackageError(
      'SCHEMA_INVALID',
      `manifest.json fails the Teams schema (${String(manifest.manifestVersion)}) with ${errors.length} error(s).`,
      errors,
    );
  }
}
