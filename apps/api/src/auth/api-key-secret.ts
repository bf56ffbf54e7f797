import { createHash, randomBytes } from 'node:crypto';

/** `sc_<12 hex prefix>_<43 base64url secret>`: the prefix finds the key in listings, the whole is hashed. */
const KEY_PATTERN = /^sc_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/;

export interface NewApiKeySecret {
  /** The full key, shown once. */
  readonly secret: string;
  readonly prefix: string;
  readonly hash: Uint8Array<ArrayBuffer>;
}

export const hashApiKey = (secret: string): Uint8Array<ArrayBuffer> =>
  new Uint8Array(createHash('sha256').update(secret).digest());

export const newApiKeySecret = (): NewApiKeySecret => {
  const prefix = randomBytes(6).toString('hex');
  const secret = `sc_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { secret, prefix, hash: hashApiKey(secret) };
};

/** The prefix of a well-formed key, or null. */
export const apiKeyPrefix = (secret: string): string | null => KEY_PATTERN.exec(secret)?.[1] ?? null;
