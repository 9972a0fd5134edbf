import { writeFileSync } from 'node:fs';
import type { ConversationDeps } from '../conversation/deps';
import { createNudgeEngine } from '../delivery/engine-port';
import { createCliContext, type CliContext } from './context';

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

/** What the conversation use cases for export and deletion need, from the CLI context. */
async function conversationDeps(cli: CliContext): Promise<ConversationDeps> {
  const [store, content, cards] = await Promise.all([cli.store(), cli.content(), cli.cards()]);
  return {
    store,
    content,
    config: cli.config(),
    logger: cli.logger(),
    now: () => cli.now(),
    renderCard: (name, data) => cards.render(name, data),
    engine: createNudgeEngine(),
  };
}

/**
 * `nudges export-user --user ID [--out F]`: for a subject access request handled by IT, writes the
 * same export a person gets with "export" (to a file, or stdout).
 */
export async function runExportUser(args: readonly string[], cli: CliContext = createCliContext()): Promise<number> {
  const { user, out } = parseArgs(args);
  const deps = await conversationDeps(cli);
  try {
    const { collectPersonalData } = await import('../conversation/export-data');
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
    await cli.close();
  }
}

/** `nudges delete-user --user ID --yes`: an erasure request handled by IT; same effect as "delete my data". */
export async function runDeleteUser(args: readonly string[], cli: CliContext = createCliContext()): Promise<number> {
  const { user, yes } = parseArgs(args);
  if (!yes) {
    console.error(`This deletes everything stored for ${user}. Add --yes to confirm.`);
    return 2;
  }
  const deps = await conversationDeps(cli);
  try {
    const { deletePersonalData } = await import('../conversation/delete-data');
    const { deleted, wipedWithinMinutes } = await deletePersonalData(deps, user as string);
    console.error(`Deleted ${deleted} record(s) of ${user}. Anonymous poll counts are kept.`);
    if (wipedWithinMinutes !== undefined) {
      // This command ends now, so it cannot keep retrying as the bot does: it says what is left and how to finish.
      console.error(
        'Another program is reading the database, so the deleted text is still in its WAL file (nudges.sqlite-wal). Close that program (a backup or sqlite3 shell), then run this command again to wipe it.',
      );
      return 3;
    }
    return 0;
  } finally {
    await cli.close();
  }
}
