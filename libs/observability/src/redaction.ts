export const REDACTED = '[redacted]';

/**
 * Keys whose values never reach a log line, compared without case, `_` or `-` (so `privateKey`, `private_key`
 * and `PRIVATE-KEY` all match). Deliberately not `token`: community tokens are public data in Status.
 */
export const SECRET_KEYS: readonly string[] = [
  'privateKey',
  'secretKey',
  'secret',
  'clientSecret',
  'password',
  'passphrase',
  'masterKey',
  'keyringMasterKey',
  'mnemonic',
  'seed',
  'seedPhrase',
  'symKey',
  'symmetricKey',
  'apiKey',
  'accessToken',
  'refreshToken',
  'authToken',
  'bearer',
  'authorization',
  'cookie',
  'setCookie',
];

const normalise = (key: string): string => key.replace(/[-_]/g, '').toLowerCase();

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

// Log objects are small; past this depth something is wrong and the value is dropped rather than walked.
const MAX_DEPTH = 12;

/** A scrubber that replaces the value of every secret key, at any depth of plain objects and arrays. */
export const createSecretScrubber = (extraKeys: readonly string[] = []) => {
  const secrets = new Set([...SECRET_KEYS, ...extraKeys].map(normalise));
  const scrub = (value: unknown, depth: number): unknown => {
    if (depth > MAX_DEPTH) return REDACTED;
    if (Array.isArray(value)) return value.map((item) => scrub(item, depth + 1));
    // Errors, buffers and class instances keep their own serialisers; only plain data is walked.
    if (!isPlainObject(value)) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        key,
        secrets.has(normalise(key)) ? REDACTED : scrub(item, depth + 1),
      ]),
    );
  };
  return <T extends Record<string, unknown>>(object: T): T => scrub(object, 0) as T;
};
