import type Database from 'better-sqlite3';
import type { ForgetResult } from '../port';

/** Waits between checkpoint attempts while another connection reads (ms): about 1.5 s in all. */
const RETRY_DELAYS_MS = [50, 100, 200, 400, 800];
/** How often a checkpoint still blocked by a reader is tried again in the background. */
export const BACKGROUND_RETRY_MS = 15_000;
/** What the person is told when a reader blocks the checkpoint: the text is gone within this. */
export const WITHIN_MINUTES = 5;

export interface WalEraser {
  /**
   * Copies the WAL back into the database file and cuts it to zero bytes, so deleted text (already
   * zeroed in its pages by secure_delete) is in neither file. Another connection reading (an operator's
   * sqlite3 shell, a backup) blocks that: then it retries a few times without blocking the bot, and if
   * still blocked says so ({ complete: false }) and keeps retrying in the background until it succeeds.
   */
  forget(): Promise<ForgetResult>;
  stop(): void;
}

/** True when a TRUNCATE checkpoint completed: nothing left in the WAL. Never waits for a lock. */
function tryTruncate(db: Database.Database): boolean {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0'); // a reader must not stall every request for busy_timeout (review L4)
  try {
    const [row] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number; checkpointed: number }[];
    return row !== undefined && row.busy === 0 && row.log === row.checkpointed;
  } catch {
    return false; // SQLITE_BUSY: another writer or checkpointer; treated like a busy reader
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}

export function createWalEraser(
  db: () => Database.Database,
  options: {
    backgroundRetryMs?: number;
    sleep?: (ms: number) => Promise<void>;
  } = {},
): WalEraser {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let timer: NodeJS.Timeout | undefined;
  const background = (): void => {
    if (timer) return;
    timer = setInterval(() => {
      try {
        if (tryTruncate(db())) {
          clearInterval(timer);
          timer = undefined;
          return;
        }
      } catch {
        // closed: the last connection's close checkpoints the WAL itself
        clearInterval(timer);
        timer = undefined;
        return;
      }
    }, options.backgroundRetryMs ?? BACKGROUND_RETRY_MS);
    timer.unref();
  };
  return {
    async forget() {
      if (tryTruncate(db())) return { complete: true };
      for (const ms of RETRY_DELAYS_MS) {
        await sleep(ms);
        if (tryTruncate(db())) return { complete: true };
      }
      background();
      return { complete: false, withinMinutes: WITHIN_MINUTES };
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}
