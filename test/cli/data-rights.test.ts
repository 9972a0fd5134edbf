import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runDeleteUser, runExportUser } from '../../src/cli/data-rights';
import { installActivity, messageActivity, person } from '../support/activities';
import { startHarness } from '../support/bot-harness';

describe('operator data-rights commands', () => {
  it('exports and then deletes one person on request of IT', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'nudges-cli-'));
    const h = await startHarness({ dataDir });
    const p = person(612);
    await h.post(installActivity(p, h.connector.url));
    await h.post(messageActivity(p, h.connector.url, 'nudge'));
    await h.app.stop();
    const previous = { ...process.env };
    Object.assign(process.env, { DATA_DIR: dataDir, STORE: 'embedded', LOG_LEVEL: 'silent' });
    // The commands talk to the operator on stderr: captured and asserted, not printed.
    const stderr = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const said = () => stderr.mock.calls.map((args) => String(args[0]));
    try {
      const out = join(dataDir, 'export.json');
      expect(await runExportUser(['--user', p.aadObjectId, '--out', out])).toBe(0);
      const data = JSON.parse(readFileSync(out, 'utf8')) as { profile: { userId: string }; deliveries: unknown[] };
      expect(data.profile.userId).toBe(p.aadObjectId);
      // The welcome (a delivery of the engine since installs are welcomed through it) and the nudge.
      expect(data.deliveries).toHaveLength(2);
      expect(await runDeleteUser(['--user', p.aadObjectId])).toBe(2); // refuses without --yes
      expect(await runDeleteUser(['--user', p.aadObjectId, '--yes'])).toBe(0);
      expect(await runExportUser(['--user', p.aadObjectId, '--out', out])).toBe(1); // nothing left
      expect(said()).toEqual([
        `Wrote the export of ${p.aadObjectId} to ${out}.`,
        `This deletes everything stored for ${p.aadObjectId}. Add --yes to confirm.`,
        expect.stringMatching(
          new RegExp(`^Deleted \\d+ record\\(s\\) of ${p.aadObjectId}\\. Anonymous poll counts are kept\\.$`),
        ),
        expect.any(String),
      ]);
    } finally {
      stderr.mockRestore();
      process.env = previous;
      await h.connector.close();
    }
  });
});
