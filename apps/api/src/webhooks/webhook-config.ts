import type { z } from 'zod';
import { envBoolean, envInteger } from '@status-communities/config';
import type { Result } from '@status-communities/errors';
import { ok } from '@status-communities/errors';
import { createMasterKeyRing, keyringVariables } from '@status-communities/keyring';
import type { MasterKeyRing } from '@status-communities/keyring';

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
   * Seals webhook signing secrets (AES-256-GCM, the keyring's sealing, in keyring_secrets rows): they must be
   * recoverable to sign. A key of its own, not KEYRING_MASTER_KEY, so the api never holds what opens
   * community keys. Optional: without it, webhooks cannot be created or delivered and say so.
   */
  WEBHOOK_SECRET_KEY: keyringVariables.KEYRING_MASTER_KEY.optional(),
  /** Stored with every secret sealed under WEBHOOK_SECRET_KEY; a new key needs a new id. */
  WEBHOOK_SECRET_KEY_ID: keyringVariables.KEYRING_MASTER_KEY_ID.optional(),
  /** `id:key,id:key`: earlier WEBHOOK_SECRET_KEYs, kept to open the secrets they sealed. */
  WEBHOOK_PREVIOUS_SECRET_KEYS: keyringVariables.KEYRING_PREVIOUS_MASTER_KEYS,
};

/** The variables whose values must never be logged. */
export const WEBHOOK_SECRET_VARIABLES = ['WEBHOOK_SECRET_KEY', 'WEBHOOK_PREVIOUS_SECRET_KEYS'] as const;

export type WebhookConfig = z.output<z.ZodObject<typeof webhookVariables>>;

/** The keys webhook secrets are sealed with, or `undefined` when none is configured. */
export const webhookMasterKeys = (config: WebhookConfig): Result<MasterKeyRing | undefined> => {
  if (config.WEBHOOK_SECRET_KEY === undefined || config.WEBHOOK_SECRET_KEY_ID === undefined)
    return ok(undefined);
  return createMasterKeyRing(
    { id: config.WEBHOOK_SECRET_KEY_ID, key: config.WEBHOOK_SECRET_KEY },
    config.WEBHOOK_PREVIOUS_SECRET_KEYS,
  );
};
