#!/usr/bin/env node
import { runContentCheck } from './content-check';
import { createCliContext, type CliContext } from './context';
import { runDeleteUser, runExportUser } from './data-rights';
import { runPractice } from './practice';
import { runRollout } from './rollout';
import { runSendDue } from './send-due';
import { runStats } from './stats';

/**
 * A CLI command: gets the arguments after its name and the context the CLI root built
 * (configuration, logger, store, sender...), returns the process exit code.
 */
export type CliCommand = (args: readonly string[], cli: CliContext) => number | Promise<number>;

/**
 * Commands by name, the operator's composition root. Add a command by adding one line here and a
 * file in src/cli/ with a small function over the injected context; the use cases it runs live
 * in the part they belong to.
 */
export const COMMANDS: Record<string, { summary: string; run: CliCommand }> = {
  'content:check': {
    summary: 'content:check [--dir D]  validate behaviours, nudges and courses',
    run: (args) => runContentCheck(args),
  },
  'export-user': {
    summary: 'export-user --user ID [--out F]  everything stored about one person (subject access request)',
    run: runExportUser,
  },
  'delete-user': {
    summary: 'delete-user --user ID --yes  delete everything stored about one person (erasure request)',
    run: runDeleteUser,
  },
  stats: {
    summary: 'stats [--tenant ID] [--weeks N] [--json]  leadership figures per practice',
    run: (args, cli) => runStats(args, { cli }),
  },
  rollout: {
    summary: "rollout --team ID [--json]  a team's roll-out: members invited, started, declined (counts only)",
    run: (args, cli) => runRollout(args, cli),
  },
  practice: {
    summary: 'practice list|show|add-lead|remove-lead --tenant ID [--practice ID] [--user ID]  practices (counts only)',
    run: (args, cli) => runPractice(args, cli),
  },
  'send-due': { summary: 'send-due [--at ISO]  run one delivery tick now (or as if at that time)', run: runSendDue },
};

const HELP_WORDS = new Set(['help', '--help', '-h']);

function printUsage(print: (line: string) => void = console.error): void {
  print('Usage: nudges <command> [options]\n\nCommands:');
  for (const { summary } of Object.values(COMMANDS)) print(`  ${summary}`);
}

/** Runs the named command and resolves to its exit code (0 for help, 2 for an unknown command). */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name !== undefined && HELP_WORDS.has(name)) {
    printUsage(console.log);
    return 0;
  }
  const command = name === undefined ? undefined : COMMANDS[name];
  if (!command) {
    if (name !== undefined) console.error(`Unknown command "${name}".`);
    printUsage();
    return 2;
  }
  return command.run(args, createCliContext());
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
