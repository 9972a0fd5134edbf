/**
 * Runs the connector double in its own process for the delivery benchmark, so the bot process's
 * RSS and CPU are measured without the double's recorded activities. Talks over IPC:
 * {cmd:'limit', perSecond?} | {cmd:'stats'} | {cmd:'reset'} | {cmd:'close'}.
 */
import { startConnectorDouble } from '../test/support/connector-double';

/** What the double reports to the benchmark (`{cmd:'stats'}`). */
export interface ConnectorStats {
  accepted: number;
  conversations: number;
  duplicates: number;
  refused429: number;
  refusedOther: number;
  maxPerSecond: number;
  firstAt: number;
  lastAt: number;
}

async function main(): Promise<void> {
  const double = await startConnectorDouble({ keepAliveTimeoutMs: 30_000 });
  const send = (msg: unknown): void => void process.send?.(msg);
  process.on('message', (msg: { cmd: string; perSecond?: number; id: number }) => {
    if (msg.cmd === 'limit') {
      double.setRateLimit(msg.perSecond ? { perSecond: msg.perSecond, retryAfterSeconds: 1 } : undefined);
      send({ id: msg.id });
    } else if (msg.cmd === 'reset') {
      double.reset();
      send({ id: msg.id });
    } else if (msg.cmd === 'stats') {
      const seen = new Map<string, number>();
      for (const a of double.activities)
        if (a.method === 'POST') seen.set(a.conversationId, (seen.get(a.conversationId) ?? 0) + 1);
      let duplicates = 0;
      for (const n of seen.values()) if (n > 1) duplicates += n - 1;
      const stats: ConnectorStats = {
        accepted: double.activities.length,
        conversations: seen.size,
        duplicates,
        refused429: double.refused.filter((r) => r.status === 429).length,
        refusedOther: double.refused.filter((r) => r.status !== 429).length,
        maxPerSecond: double.maxPerSecond(),
        firstAt: double.activities[0]?.at ?? 0,
        lastAt: double.activities[double.activities.length - 1]?.at ?? 0,
      };
      send({ id: msg.id, stats });
    } else if (msg.cmd === 'close') {
      void double.close().then(() => process.exit(0));
    }
  });
  send({ ready: true, url: double.url });
}

void main();
