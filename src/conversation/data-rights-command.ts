import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { createLogger } from '../logger';

const USAGE = 'Usage: nudges export-user --user <userId> [--out file.json] | nudges delete-user --user <userId> --yes';

function parseArgs(args: readonly string[]): { user?: string; out?: string; yes: boolean } {
  const out: { user?: string; out?: string; yes: boolean } = { yes: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--user') out.user = args[++i];
    else if (arg === '--out') out.out = args[++i];
    else if (arg === '--yes') out.yes = true;
    else throw new Error(`Unknown option "${arg}". ${USAGE}`);
  }
  if (!out.user) throw new Error(`--user is required (the person's Entra object id). ${USAGE}`);
  return out;
}

async function openDeps() {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const [{ createStore }, { loadContent }, { createCardRenderer }] = await Promise.all([
    import('../store/create-store'),
    import('../content/load'),
    import('../cards/render'),
  ]);
  const store = createStore(config);
  await store.init();
  const cards = createCardRenderer();
  return {
    store,
    content: loadContent(),
    config,
    logger,
    now: () => new Date(),
    renderCard: cards.render.bind(cards) as never,
  };
}

/**
 * `nudges export-user --user ID [--out F]`: for a subject access request handled by IT, writes the
 * same export a person gets with "export" (to a file, or stdout).
 */
export async function runExportUser(args: readonly string[]): Promise<number> {
  const { user, out } = parseArgs(args);
  const deps = await openDeps();
  try {
    const { collectPersonalData } = await import('./export-data');
    const { data } = await collectPersonalData(deps, user as string);
    const json = JSON.stringify(data, null, 2);
    if (out) {
      writeFileSync(out, json, { mode: 0o600 });
      console.error(`Wrote the export of ${user} to ${out}.`);
    } else process.stdout.write(`${json}\n`);
    return 0;
  } catch (error) {
    console.error((error as { userMessage?: string }).userMessage ?? (error as Error).message);
    return 1;
  } finally {
    await deps.store.close();
  }
}

/** `nudges delete-user --user ID --yes`: an erasure request handled by IT; same effect as "delete my data". */
export async function runDeleteUser(args: readonly string[]): Promise<number> {
  const { user, yes } = parseArgs(args);
  if (!yes) {
    console.error(`This deletes everything stored for ${user}. Add --yes to confirm.`);
    return 2;
  }
  const deps = await openDeps();
  try {
    const { deletePersonalData } = await import('./delete-data');
    const { deleted } = await deletePersonalData(deps, user as string);
    console.error(`Deleted ${deleted} record(s) of ${user}. Anonymous poll counts are kept.`);
    return 0;
  } finally {
    await deps.store.close();
  }
}
