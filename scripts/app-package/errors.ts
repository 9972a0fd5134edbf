/** Why `npm run package` refused to build the Teams app package. */
export type PackageErrorCode =
  'MISSING_SETTING' | 'BAD_SETTING' | 'PLACEHOLDER_SETTING' | 'SCHEMA_INVALID' | 'BAD_ICON' | 'BAD_TEMPLATE';

/** A coded packaging error. `details` lists each problem (for SCHEMA_INVALID, one line per schema error). */
export class PackageError extends Error {
  constructor(
    readonly code: PackageErrorCode,
    message: string,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'PackageError';
  }
}
