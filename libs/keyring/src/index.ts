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
  KEYRING_SECRET_VARIABLES,
  type KeyringConfig,
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
