import { envBoolean, envInteger } from '@status-communities/config';
import { createMasterKeyRing, keyringVariables } from '@status-communities/keyring';
import type { MasterKeyRing } from '@status-communities/keyring';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import type { z } from 'zod';

/** The api's webhook variables: spread into its service configuration. */
export const webhookVariables = {
  /** Run the fan-out and delivery workers in this process; `false` where they run as their own deployment. */
  WEBHOOK_WORKERS_ENABLED: envBoolean(true),
  /** Allow webhook URLs on loopback and private addresses: `true` only for tests and private deployments. */
  WEBHOOK_ALLOW_PRIVATE_HOSTS: envBoolean(false),
  /** Tries per delivery before it is dead-lettered. */
  WEBHOOK_MAX_ATTEMPTS: envInteger({ min: 1, max: 30, defaultValue: 10 }),
  /** First retry delay, doubled at each retry (5 s … about 21 min for the 10th try). */
  WEBHOOK_BACKOFF_MS: envInteger({ min: 1, max: 3_600_000, defaultValue: 5_000 }),
  /** How long one POST may take, ms. */
  WEBHOOK_TIMEOUT_MS: envInteger({ min: 100, max: 120_000, defaultValue: 10_000 }),
  /** POSTs in flight per process. */
  WEBHOOK_CONCURRENCY: envInteger({ min: 1, max: 1_000, defaultValue: 32 }),
  /** Events a fan-out worker read but did not acknowledge for this long are taken over by another, ms. */
  WEBHOOK_CLAIM_IDLE_MS: envInteger({ min: 100, max: 3_600_000, defaultValue: 60_000 }),
  /**
   * The keyring's master key seals webhook signing secrets (they must be recoverable to sign). Optional for
   * the api: without it, webhooks cannot be created or delivered and say so.
   */
  KEYRING_MASTER_KEY: keyringVariables.KEYRING_MASTER_KEY.optional(),
  KEYRING_MASTER_KEY_ID: keyringVariables.KEYRING_MASTER_KEY_ID.optional(),
  KEYRING_PREVIOUS_MASTER_KEYS: keyringVariables.KEYRING_PREVIOUS_MASTER_KEYS,
};

/** The variables whose values must never be logged. */
export const WEBHOOK_SECRET_VARIABLES = ['KEYRING_MASTER_KEY', 'KEYRING_PREVIOUS_MASTER_KEYS'] as const;

export type WebhookConfig = z.output<z.ZodObject<typeof webhookVariables>>;

/** The master keys webhook secrets are sealed with, or `undefined` when none is configured. */
export const webhookMasterKeys = (config: WebhookConfig): Result<MasterKeyRing | undefined> => {
  if (config.KEYRING_MASTER_KEY === undefined || config.KEYRING_MASTER_KEY_ID === undefined)
    return ok(undefined);
  return createMasterKeyRing(
    { id: config.KEYRING_MASTER_KEY_ID, key: config.KEYRING_MASTER_KEY },
    config.KEYRING_PREVIOUS_MASTER_KEYS,
  );
};
