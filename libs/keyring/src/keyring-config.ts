import { z } from 'zod';
import { ConfigError, envList, envString } from '@status-communities/config';
import type { Result } from '@status-communities/errors';
import { err, ok } from '@status-communities/errors';
import {
  createMasterKeyRing,
  isMasterKeyId,
  parseMasterKeyBytes,
  parseMasterKeyEntry,
} from './master-keys.js';
import type { MasterKey, MasterKeyRing } from './master-keys.js';
import type { SecretBytes } from './secret-bytes.js';

const masterKey = envString().transform((text, context): SecretBytes => {
  const parsed = parseMasterKeyBytes(text);
  if (parsed.ok) return parsed.value;
  context.addIssue({ code: 'custom', message: parsed.error.message });
  return z.NEVER;
});

const masterKeyEntry = z.string().transform((text, context): MasterKey => {
  const parsed = parseMasterKeyEntry(text);
  if (parsed.ok) return parsed.value;
  context.addIssue({ code: 'custom', message: parsed.error.message });
  return z.NEVER;
});

/**
 * The keyring's environment, for the services that open it (publisher, request-handler): spread into
 * `defineServiceConfig({ variables })` and list KEYRING_SECRET_VARIABLES in its `secrets`.
 */
export const keyringVariables = {
  /** 32 bytes, 64 hex digits or base64: new secrets are sealed under it. */
  KEYRING_MASTER_KEY: masterKey,
  /** Stored with every secret sealed under KEYRING_MASTER_KEY; a new key needs a new id. */
  KEYRING_MASTER_KEY_ID: envString().refine(isMasterKeyId, 'must be 1-64 of A-Z a-z 0-9 . _ -'),
  /** `id:key,id:key`: retired master keys, kept to open what they sealed until `rotate` re-seals it. */
  KEYRING_PREVIOUS_MASTER_KEYS: envList(masterKeyEntry, []),
};

/** The keyring variables whose values `describe` and logs must never show. */
export const KEYRING_SECRET_VARIABLES = ['KEYRING_MASTER_KEY', 'KEYRING_PREVIOUS_MASTER_KEYS'] as const;

export interface KeyringConfig {
  readonly KEYRING_MASTER_KEY: SecretBytes;
  readonly KEYRING_MASTER_KEY_ID: string;
  readonly KEYRING_PREVIOUS_MASTER_KEYS: readonly MasterKey[];
}

/**
 * The master key ring a loaded configuration describes, or the service's configuration error naming
 * KEYRING_PREVIOUS_MASTER_KEYS (an id given twice).
 */
export const masterKeyRingFromConfig = (
  serviceName: string,
  config: KeyringConfig,
): Result<MasterKeyRing, ConfigError> => {
  const ring = createMasterKeyRing(
    { id: config.KEYRING_MASTER_KEY_ID, key: config.KEYRING_MASTER_KEY },
    config.KEYRING_PREVIOUS_MASTER_KEYS,
  );
  return ring.ok
    ? ok(ring.value)
    : err(
        new ConfigError(serviceName, [
          { variable: 'KEYRING_PREVIOUS_MASTER_KEYS', problem: ring.error.message },
        ]),
      );
};

/**
 * The group-key master key (issue #13): seals hash-ratchet group keys (GroupKeyStore), a read capability apart
 * from KEYRING_MASTER_KEY — the indexer gets this one only. Both unset: the service handles no encrypted
 * community (an encrypted one is refused with a typed error); one without the other is a configuration error.
 */
export const groupKeyVariables = {
  GROUP_KEYS_MASTER_KEY: masterKey.optional(),
  GROUP_KEYS_MASTER_KEY_ID: envString().refine(isMasterKeyId, 'must be 1-64 of A-Z a-z 0-9 . _ -').optional(),
};

export const GROUP_KEY_SECRET_VARIABLES = ['GROUP_KEYS_MASTER_KEY'] as const;

export interface GroupKeyConfig {
  readonly GROUP_KEYS_MASTER_KEY?: SecretBytes | undefined;
  readonly GROUP_KEYS_MASTER_KEY_ID?: string | undefined;
}

/** The group-key ring, undefined when neither variable is set, or the error naming the missing one. */
export const groupKeyRingFromConfig = (
  serviceName: string,
  config: GroupKeyConfig,
): Result<MasterKeyRing | undefined, ConfigError> => {
  const key = config.GROUP_KEYS_MASTER_KEY;
  const id = config.GROUP_KEYS_MASTER_KEY_ID;
  if (key === undefined && id === undefined) return ok(undefined);
  if (key === undefined || id === undefined)
    return err(
      new ConfigError(serviceName, [
        {
          variable: key === undefined ? 'GROUP_KEYS_MASTER_KEY' : 'GROUP_KEYS_MASTER_KEY_ID',
          problem: 'is required when the other GROUP_KEYS_MASTER_KEY variable is set',
        },
      ]),
    );
  const ring = createMasterKeyRing({ id, key }, []);
  // One key, so no id can repeat.
  if (!ring.ok) throw ring.error;
  return ok(ring.value);
};

/** The rings of a control-node service (publisher, request handler): the keyring's and, when set, the group keys'. */
export interface ControlNodeKeyRings {
  readonly masterKeys: MasterKeyRing;
  readonly groupKeys: MasterKeyRing | undefined;
}

/** Both rings from a loaded configuration, or the first configuration error among them. */
export const controlNodeKeyRingsFromConfig = (
  serviceName: string,
  config: KeyringConfig & GroupKeyConfig,
): Result<ControlNodeKeyRings, ConfigError> => {
  const masterKeys = masterKeyRingFromConfig(serviceName, config);
  if (!masterKeys.ok) return masterKeys;
  const groupKeys = groupKeyRingFromConfig(serviceName, config);
  if (!groupKeys.ok) return groupKeys;
  return ok({ masterKeys: masterKeys.value, groupKeys: groupKeys.value });
};

/** What a logged configuration may show of the rings: their key ids, never a key. */
export const describeControlNodeKeyRings = (
  rings: ControlNodeKeyRings,
): { masterKeyIds: string[]; groupKeyMasterKeyId: string | null } => ({
  masterKeyIds: [...rings.masterKeys.byId.keys()],
  groupKeyMasterKeyId: rings.groupKeys?.current.id ?? null,
});
