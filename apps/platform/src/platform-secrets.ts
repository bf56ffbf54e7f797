import { resolve } from 'node:path';
import type { DevSecrets } from './dev-secrets.js';
import { loadOrCreateDevSecrets } from './dev-secrets.js';
import type { LauncherConfig } from './launcher-config.js';
import type { GatewayNodeKeyEnv, GroupKeysEnv, KeyringEnv, WebhookKeyEnv } from './services.js';

export interface PlatformSecrets {
  /** For publisher and request-handler: the master key of the keyring. */
  readonly keyring: KeyringEnv;
  /** For the api: the key its webhook signing secrets are sealed with. */
  readonly webhookKey: WebhookKeyEnv;
  /** For publisher, request-handler and indexer: the key that seals group keys of encrypted communities. */
  readonly groupKeys: GroupKeysEnv;
  /** For the api: the secret of its first admin API key. */
  readonly adminBootstrapToken: string;
  /** Where that API key comes from, to tell the user. */
  readonly adminKeySource: string;
  /** For the gateways: each its own node key, the first gateway's first. */
  readonly gatewayNodeKeys: readonly GatewayNodeKeyEnv[];
}

/** A key and its id as the operator set them (either one: the service then names the one missing). */
const operatorKey = (key: string | undefined, id: string | undefined) =>
  key === undefined && id === undefined ? undefined : { key: key ?? '', id: id ?? '' };

/** What the operator set, the rest from the development secrets file (generated there on first use). */
export const resolveSecrets = async (
  config: LauncherConfig,
  root: string,
  say: (line: string) => void,
): Promise<PlatformSecrets> => {
  const path = resolve(root, config.PLATFORM_DEV_SECRETS_FILE);
  let dev: Promise<DevSecrets> | undefined;
  // Read, and generated, only when the operator left something unset.
  const devSecrets = (): Promise<DevSecrets> =>
    (dev ??= loadOrCreateDevSecrets(path, config.PLATFORM_GATEWAYS).then(({ secrets, generated }) => {
      say(
        generated.length > 0
          ? `generated development ${generated.join(', ')} into ${path} (set them yourself to use your own)`
          : `development secrets from ${path}`,
      );
      return secrets;
    }));
  const keyring = operatorKey(config.KEYRING_MASTER_KEY, config.KEYRING_MASTER_KEY_ID);
  const webhook = operatorKey(config.WEBHOOK_SECRET_KEY, config.WEBHOOK_SECRET_KEY_ID);
  const groups = operatorKey(config.GROUP_KEYS_MASTER_KEY, config.GROUP_KEYS_MASTER_KEY_ID);
  const token = config.ADMIN_BOOTSTRAP_TOKEN;
  // The operator's key serves the first gateway (both set: the gateway names the conflict); the others need
  // their own.
  const operatorNodeKey: GatewayNodeKeyEnv | undefined =
    config.WAKU_NODE_KEY === undefined && config.WAKU_NODE_KEY_FILE === undefined
      ? undefined
      : {
          ...(config.WAKU_NODE_KEY !== undefined && { WAKU_NODE_KEY: config.WAKU_NODE_KEY }),
          ...(config.WAKU_NODE_KEY_FILE !== undefined && { WAKU_NODE_KEY_FILE: config.WAKU_NODE_KEY_FILE }),
        };
  const devNodeKeys =
    config.PLATFORM_GATEWAYS > (operatorNodeKey === undefined ? 0 : 1)
      ? (await devSecrets()).gatewayNodeKeys.map((key): GatewayNodeKeyEnv => ({ WAKU_NODE_KEY: key }))
      : [];
  const { KEYRING_MASTER_KEY, KEYRING_MASTER_KEY_ID } = keyring
    ? { KEYRING_MASTER_KEY: keyring.key, KEYRING_MASTER_KEY_ID: keyring.id }
    : await devSecrets();
  const { WEBHOOK_SECRET_KEY, WEBHOOK_SECRET_KEY_ID } = webhook
    ? { WEBHOOK_SECRET_KEY: webhook.key, WEBHOOK_SECRET_KEY_ID: webhook.id }
    : await devSecrets();
  const { GROUP_KEYS_MASTER_KEY, GROUP_KEYS_MASTER_KEY_ID } = groups
    ? { GROUP_KEYS_MASTER_KEY: groups.key, GROUP_KEYS_MASTER_KEY_ID: groups.id }
    : await devSecrets();
  return {
    keyring: { KEYRING_MASTER_KEY, KEYRING_MASTER_KEY_ID },
    webhookKey: { WEBHOOK_SECRET_KEY, WEBHOOK_SECRET_KEY_ID },
    groupKeys: { GROUP_KEYS_MASTER_KEY, GROUP_KEYS_MASTER_KEY_ID },
    adminBootstrapToken: token ?? (await devSecrets()).ADMIN_BOOTSTRAP_TOKEN,
    adminKeySource: token === undefined ? path : 'the environment',
    gatewayNodeKeys: operatorNodeKey === undefined ? devNodeKeys : [operatorNodeKey, ...devNodeKeys.slice(1)],
  };
};
