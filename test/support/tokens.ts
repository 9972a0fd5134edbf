import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationConstants } from 'botframework-connector';

/** The issuer Bot Framework channel tokens carry (what botbuilder checks). */
export const CHANNEL_ISSUER = 'https://api.botframework.com';

/** Claims of a Bot Framework channel token; override any of them to make a bad one. */
export interface TokenClaims {
  iss?: string;
  aud?: string;
  serviceurl?: string;
  nbf?: number;
  exp?: number;
  [claim: string]: unknown;
}

/**
 * A local stand-in for login.botframework.com: an RSA signing key, its JWKS (endorsed for msteams)
 * and an OpenID configuration served on loopback, so real botbuilder token validation can be
 * exercised offline with tokens we sign.
 */
export interface LocalTokenIssuer {
  metadataUrl: string;
  /** A signed RS256 JWT with the given claims (defaults: channel issuer, valid for an hour). */
  sign(claims: TokenClaims, options?: { key?: KeyObject; kid?: string }): string;
  /** A key pair the metadata does not publish, for "wrongly signed" tokens. */
  strangerKey: KeyObject;
  /** Points botbuilder's channel validation at this issuer (for adapters created afterwards). */
  install(): void;
  /** Restores botbuilder's real metadata URL and stops the server. */
  close(): Promise<void>;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** Starts the local issuer on a free loopback port. */
export async function startLocalTokenIssuer(): Promise<LocalTokenIssuer> {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = 'local-test-key';
  const jwk = publicKey.export({ format: 'jwk' });
  let port = 0;
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `http://127.0.0.1:${port}/keys` }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [{ ...jwk, kid, use: 'sig', alg: 'RS256', endorsements: ['msteams'] }] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const metadataUrl = `http://127.0.0.1:${port}/openid`;
  const realUrl = AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl;
  const constants = AuthenticationConstants as { ToBotFromChannelOpenIdMetadataUrl: string };

  return {
    metadataUrl,
    strangerKey: stranger,
    sign(claims, options = {}) {
      const now = Math.floor(Date.now() / 1000);
      const header = { alg: 'RS256', typ: 'JWT', kid: options.kid ?? kid };
      const payload = { iss: CHANNEL_ISSUER, nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims };
      const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
      const signature = createSign('RSA-SHA256')
        .update(input)
        .sign(options.key ?? privateKey);
      return `${input}.${base64url(signature)}`;
    },
    install() {
      constants.ToBotFromChannelOpenIdMetadataUrl = metadataUrl;
    },
    async close() {
      constants.ToBotFromChannelOpenIdMetadataUrl = realUrl;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
