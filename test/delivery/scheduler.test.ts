import { Scheduler, type ScheduleFn } from '../../src/delivery/scheduler';
import { emptyCounters } from '../../src/delivery/types';
import { silentLogger } from '../../src/logger';

describe('Scheduler', () => {
  it('ticks every minute without overlap and stop() waits for the tick in flight', async () => {
    let fire: (() => Promise<void>) | undefined;
    let options: unknown;
    let stopped = false;
    const schedule: ScheduleFn = (expression, fn, opts) => {
      expect(expression).toBe('* * * * *');
      fire = fn;
      options = opts;
      return { stop: () => void (stopped = true), destroy: () => undefined };
    };
    let release!: () => void;
    let finished = false;
    let sawAbort = false;
    const scheduler = new Scheduler({
      logger: silentLogger,
      schedule,
      tick: async (signal) => {
        await new Promise<void>((r) => (release = r));
        sawAbort = signal.aborted;
        finished = true;
        return emptyCounters();
      },
    });
    scheduler.start();
    expect(options).toMatchObject({ noOverlap: true });
    void fire!();
    const stopping = scheduler.stop();
    await new Promise((r) => setTimeout(r, 20));
    expect(stopped).toBe(true);
    expect(finished).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
    expect(sawAbort).toBe(true);
  });
});
