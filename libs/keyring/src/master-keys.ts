import { ErrorCode, fail, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { SecretBytes } from './secret-bytes.js';

/** AES-256: the master key is exactly 32 bytes. */
export const MASTER_KEY_LENGTH = 32;

/** Ids are stored with every secret and written in configuration: short, printable, no separators. */
const MASTER_KEY_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
const HEX_KEY_PATTERN = /^(?:0x)?[0-9a-fA-F]{64}$/;
const BASE64_KEY_PATTERN = /^[A-Za-z0-9+/]{43}=$/;

/** A master key and the id every secret sealed under it carries. */
export interface MasterKey {
  readonly id: string;
  readonly key: SecretBytes;
}

/** The key new secrets are sealed under, and every key (current and previous) that may open one. */
export interface MasterKeyRing {
  readonly current: MasterKey;
  readonly byId: ReadonlyMap<string, MasterKey>;
}

export const isMasterKeyId = (id: string): boolean => MASTER_KEY_ID_PATTERN.test(id);

/**
 * 32 bytes written as 64 hex digits (optional `0x`) or as standard base64 (44 characters). The error never
 * contains the text, which is a secret.
 */
export const parseMasterKeyBytes = (text: string): Result<SecretBytes> => {
  const trimmed = text.trim();
  let bytes: Buffer;
  if (HEX_KEY_PATTERN.test(trimmed)) bytes = Buffer.from(trimmed.replace(/^0x/, ''), 'hex');
  else if (BASE64_KEY_PATTERN.test(trimmed)) bytes = Buffer.from(trimmed, 'base64');
  else
    return fail(
      ErrorCode.INVALID_KEY,
      `master key must be ${MASTER_KEY_LENGTH} bytes as 64 hex digits or 44 base64 characters`,
    );
  if (bytes.length !== MASTER_KEY_LENGTH)
    return fail(ErrorCode.INVALID_KEY, `master key must be ${MASTER_KEY_LENGTH} bytes`);
  const secret = SecretBytes.of(bytes);
  bytes.fill(0);
  return ok(secret);
};

/** `id:key`, the form of each entry of KEYRING_PREVIOUS_MASTER_KEYS. */
export const parseMasterKeyEntry = (text: string): Result<MasterKey> => {
  const separator = text.indexOf(':');
  if (separator < 0) return fail(ErrorCode.INVALID_KEY, 'expected <id>:<key>');
  const id = text.slice(0, separator).trim();
  if (!isMasterKeyId(id))
    return fail(ErrorCode.INVALID_KEY, 'master key id must be 1-64 of A-Z a-z 0-9 . _ -');
  const key = parseMasterKeyBytes(text.slice(separator + 1));
  return key.ok ? ok({ id, key: key.value }) : key;
};

/**
 * The ring of a current key and previous ones (kept to open secrets sealed before a rotation). The same id
 * twice is refused: an id names one key forever, or secrets sealed under it could no longer be opened.
 */
export const createMasterKeyRing = (
  current: MasterKey,
  previous: readonly MasterKey[] = [],
): Result<MasterKeyRing> => {
  const byId = new Map<string, MasterKey>();
  for (const key of [current, ...previous]) {
    if (!isMasterKeyId(key.id))
      return fail(ErrorCode.INVALID_CONFIG, `master key id "${key.id}" must be 1-64 of A-Z a-z 0-9 . _ -`);
    if (key.key.length !== MASTER_KEY_LENGTH)
      return fail(ErrorCode.INVALID_CONFIG, `master key "${key.id}" must be ${MASTER_KEY_LENGTH} bytes`);
    if (byId.has(key.id))
      return fail(ErrorCode.INVALID_CONFIG, `master key id "${key.id}" is given twice`, { id: key.id });
    byId.set(key.id, key);
  }
  return ok({ current, byId });
};

/** The key a secret names, or UNKNOWN_MASTER_KEY (its key was retired, or this process lacks the old key). */
export const masterKeyById = (ring: MasterKeyRing, id: string): Result<MasterKey> => {
  const key = ring.byId.get(id);
  return key
    ? ok(key)
    : fail(ErrorCode.UNKNOWN_MASTER_KEY, `no master key "${id}": add it to KEYRING_PREVIOUS_MASTER_KEYS`, {
        masterKeyId: id,
      });
};
