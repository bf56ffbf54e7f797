// Every service of the platform once: its name (the folder under apps/, SERVICE_NAME), its default health port
// and the secret variables it alone is given. The services' configurations, the launcher (ports, which
// process gets which secret), the .env.example and infra checks read this table instead of restating it.

/** The keyring's master keys: only the control-node services open the keyring. */
const KEYRING_SECRETS = [
  'KEYRING_MASTER_KEY',
  'KEYRING_MASTER_KEY_ID',
  'KEYRING_PREVIOUS_MASTER_KEYS',
] as const;
/** Encrypted communities' group keys: whoever reads or writes them (never a signing key on its own). */
const GROUP_KEY_SECRETS = ['GROUP_KEYS_MASTER_KEY', 'GROUP_KEYS_MASTER_KEY_ID'] as const;

export interface ServiceEntry {
  readonly name: string;
  /** Its HEALTH_PORT unless set: /healthz, /readyz, /metrics. */
  readonly healthPort: number;
  /** The secret variables this service is given; every other service's are withheld from it. */
  readonly secretKeys: readonly string[];
}

/** In start order: the gateway first, the others' traffic goes through it. */
export const SERVICES = [
  // A gateway's node key is its own (WAKU_NODE_KEY, WAKU_NODE_KEY_FILE), handed to each gateway apart.
  { name: 'waku-gateway', healthPort: 9101, secretKeys: ['WAKU_NODE_KEY', 'WAKU_NODE_KEY_FILE'] },
  { name: 'indexer', healthPort: 9102, secretKeys: [...GROUP_KEY_SECRETS] },
  { name: 'publisher', healthPort: 9105, secretKeys: [...KEYRING_SECRETS, ...GROUP_KEY_SECRETS] },
  { name: 'request-handler', healthPort: 9103, secretKeys: [...KEYRING_SECRETS, ...GROUP_KEY_SECRETS] },
  {
    name: 'api',
    healthPort: 9104,
    secretKeys: [
      'ADMIN_BOOTSTRAP_TOKEN',
      'WEBHOOK_SECRET_KEY',
      'WEBHOOK_SECRET_KEY_ID',
      'WEBHOOK_PREVIOUS_SECRET_KEYS',
    ],
  },
] as const satisfies readonly ServiceEntry[];

export type ServiceName = (typeof SERVICES)[number]['name'];

/** The table's row of a service. */
export const serviceByName = (name: ServiceName): ServiceEntry =>
  SERVICES.find((service) => service.name === name) as ServiceEntry;

/** Every secret variable of every service. */
export const SERVICE_SECRET_KEYS: readonly string[] = [
  ...new Set(SERVICES.flatMap((service) => service.secretKeys)),
];
