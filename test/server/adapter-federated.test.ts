import { createAdapter, SignerCredentialsFactory } from '../../src/server/adapter';
import { loadConfig } from '../../src/config';

/** Headers as botbuilder's WebResource carries them. */
function headers() {
  const values = new Map<string, string>();
  return {
    set: (k: string, v: string) => values.set(k.toLowerCase(), v),
    get: (k: string) => values.get(k.toLowerCase()),
  };
}

describe('the adapter with a federated identity credential (SingleTenant + MicrosoftAppFederatedClientId)', () => {
  const config = loadConfig({
    MicrosoftAppId: 'app-reg-1',
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: 'home-tenant',
    MicrosoftAppFederatedClientId: 'uami-client-1',
    ALLOWED_TENANTS: 'nhsmail-tenant',
  });

  it('builds (botbuilder alone would ask for a secret) and signs replies with the bot token signer', async () => {
    const signed: string[] = [];
    const signer = {
      signRequest: async (r: { headers: { set(n: string, v: string): void } }) => {
        r.headers.set('Authorization', 'Bearer federated-token');
        signed.push('x');
      },
    };
    expect(createAdapter(config, { signer })).toBeDefined();
    const factory = new SignerCredentialsFactory('app-reg-1', signer);
    expect(await factory.isValidAppId('app-reg-1')).toBe(true);
    expect(await factory.isValidAppId('someone-else')).toBe(false);
    expect(await factory.isAuthenticationDisabled()).toBe(false);
    const request = { headers: headers() };
    await (await factory.createCredentials()).signRequest(request);
    expect(request.headers.get('Authorization')).toBe('Bearer federated-token');
    expect(signed).toHaveLength(1);
  });

  it('refuses to build without the signer', () => {
    expect(() => createAdapter(config)).toThrow(/federated identity credential needs/);
  });
});
