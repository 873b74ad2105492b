/**
 * The local stand-in for the Cognito JWT authorizer: an ES256 key made once (kept as a JWK under
 * the data folder, or only in memory for a throwaway run), dev tokens signed with it, and the
 * check API Gateway does before the API handler runs (signature, issuer, audience, expiry). The
 * verified claims become `requestContext.authorizer.jwt.claims`, with the user in `sub` as Cognito
 * would put it.
 */
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SignJWT, jwtVerify, generateKeyPair, exportJWK, importJWK, type JWK, type CryptoKey } from 'jose';

export const LOCAL_ISSUER = 'aoi-local';
export const LOCAL_AUDIENCE = 'aoi-local-web';
const ALG = 'ES256';
const KEY_FILE = 'jwt-key.json';
/** How long a dev token lives: a working day, like a Cognito ID token's hours (the page gets a fresh one at each load). */
export const TOKEN_LIFETIME = { jwt: '8h', ms: 8 * 3600 * 1000 } as const;

export interface LocalAuth {
  /** A token for this user, as a Cognito ID token would carry it (sub, aud, token_use...). */
  issueToken(sub: string, opts?: { expiresIn?: string }): Promise<string>;
  /** Claims of a valid token from an `Authorization` header value (with or without `Bearer `), or null. */
  verify(authorization: string | undefined): Promise<Record<string, string> | null>;
}

async function loadOrCreateKeys(dir: string | undefined): Promise<{ privateKey: CryptoKey; publicKey: CryptoKey }> {
  if (dir) {
    const file = join(dir, KEY_FILE);
    try {
      const jwk = JSON.parse(await readFile(file, 'utf8')) as JWK;
      const privateKey = (await importJWK(jwk, ALG)) as CryptoKey;
      const { d: _d, ...pub } = jwk;
      const publicKey = (await importJWK(pub, ALG)) as CryptoKey;
      return { privateKey, publicKey };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const keys = await generateKeyPair(ALG, { extractable: true });
    await mkdir(dir, { recursive: true });
    await writeFile(file, JSON.stringify(await exportJWK(keys.privateKey)), { mode: 0o600 });
    return keys;
  }
  return generateKeyPair(ALG);
}

/** API Gateway hands claims to the Lambda as strings. */
function stringifyClaims(payload: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (v === undefined) continue;
    out[k] = Array.isArray(v) ? `[${v.join(' ')}]` : typeof v === 'string' ? v : JSON.stringify(v);
  }
  return out;
}

/** `dir` = where the key is kept; undefined = in memory (throwaway run). */
export async function createLocalAuth(dir: string | undefined): Promise<LocalAuth> {
  const { privateKey, publicKey } = await loadOrCreateKeys(dir);
  return {
    async issueToken(sub, opts = {}) {
      return new SignJWT({ token_use: 'id', 'cognito:username': sub })
        .setProtectedHeader({ alg: ALG, typ: 'JWT' })
        .setSubject(sub)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(opts.expiresIn ?? TOKEN_LIFETIME.jwt)
        .sign(privateKey);
    },
    async verify(authorization) {
      if (!authorization) return null;
      const token = authorization.replace(/^Bearer\s+/i, '').trim();
      if (!token) return null;
      try {
        const { payload } = await jwtVerify(token, publicKey, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, algorithms: [ALG] });
        if (typeof payload.sub !== 'string' || !payload.sub) return null;
        return stringifyClaims(payload as Record<string, unknown>);
      } catch {
        return null;
      }
    },
  };
}
