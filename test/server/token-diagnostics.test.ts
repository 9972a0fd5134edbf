/** The console filter for botframework-connector's token diagnostics drops those two and nothing else. */
import { dropTokenExtractorDiagnostics } from '../../src/server/token-diagnostics';

describe('dropTokenExtractorDiagnostics', () => {
  it('drops the expired-token stack and the unknown-key PEM dump, and passes everything else through', () => {
    const printed: unknown[][] = [];
    const target = { error: (...args: unknown[]) => void printed.push(args) };
    const restore = dropTokenExtractorDiagnostics(target);

    const expired = Object.assign(new Error('jwt expired'), { name: 'TokenExpiredError' });
    target.error(expired);
    target.error('Error finding key for token. Available keys: -----BEGIN PUBLIC KEY-----\nMIIB…');
    const other = new Error('store unavailable');
    target.error(other);
    target.error('Error finding the config file'); // not the extractor's message
    target.error({ level: 'warn', event: 'auth.refused' });
    expect(printed).toEqual([[other], ['Error finding the config file'], [{ level: 'warn', event: 'auth.refused' }]]);

    restore();
    target.error(expired);
    expect(printed).toHaveLength(4);
  });
});
