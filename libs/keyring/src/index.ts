export { REDACTED_SECRET, SecretBytes, SecretKey } from './secret-bytes.js';
export {
  MASTER_KEY_LENGTH,
  type MasterKey,
  type MasterKeyRing,
  createMasterKeyRing,
  isMasterKeyId,
  masterKeyById,
  parseMasterKeyBytes,
  parseMasterKeyEntry,
} from './master-keys.js';
export { KEYRING_ALGORITHM, type SecretBinding, openSecret, sealSecret } from './sealing.js';
export {
  GROUP_KEY_SECRET_VARIABLES,
  KEYRING_SECRET_VARIABLES,
  type ControlNodeKeyRings,
  type GroupKeyConfig,
  type KeyringConfig,
  controlNodeKeyRingsFromConfig,
  describeControlNodeKeyRings,
  groupKeyRingFromConfig,
  groupKeyVariables,
  keyringVariables,
  masterKeyRingFromConfig,
} from './keyring-config.js';
export {
  type AuditContext,
  type KeyPurpose,
  type KeyringEntry,
  Keyring,
  type RotateOptions,
  type RotationReport,
} from './keyring.js';
export { GroupKeyStore, type StoredGroupKey } from './group-keys.js';
export { type ControlNodeKeyStores, openControlNodeKeyStores } from './control-node-key-stores.js';
export { DirectSessionStore, type DirectSessionChange, type StoredDirectSession } from './direct-sessions.js';
export { DirectPreKeyStore, type StoredPreKey } from './direct-pre-keys.js';
