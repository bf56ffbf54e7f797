/** Status fleets and their EIP-1459 DNS discovery trees (shared/reference/waku.md). */
export const STATUS_FLEETS = {
  'status.prod':
    'enrtree://AMOJVZX4V6EXP7NTJPMAYJYST2QP6AJXYW76IU6VGJS7UVSNDYZG4@boot.prod.status.nodes.status.im',
  'status.staging':
    'enrtree://AI4W5N5IFEUIHF5LESUAOSMV6TKWF2MB6GU2YK7PU4TYUGUNOCEPW@boot.staging.status.nodes.status.im',
} as const;

export type StatusFleet = keyof typeof STATUS_FLEETS;

export const isStatusFleet = (value: string): value is StatusFleet => Object.hasOwn(STATUS_FLEETS, value);

/** Each fleet runs two store nodes in each of three data centres, under these names. */
const STORE_HOSTS = [
  'store-01.do-ams3',
  'store-02.do-ams3',
  'store-01.gc-us-central1-a',
  'store-02.gc-us-central1-a',
  'store-01.ac-cn-hongkong-c',
  'store-02.ac-cn-hongkong-c',
] as const;

/** The peer ids of STORE_HOSTS, in their order, per fleet. */
const STORE_PEER_IDS: Readonly<Record<StatusFleet, readonly string[]>> = {
  'status.prod': [
    '16Uiu2HAmAUdrQ3uwzuE4Gy4D56hX6uLKEeerJAnhKEHZ3DxF1EfT',
    '16Uiu2HAm9aDJPkhGxc2SFcEACTFdZ91Q5TJjp76qZEhq9iF59x7R',
    '16Uiu2HAmMELCo218hncCtTvC2Dwbej3rbyHQcR8erXNnKGei7WPZ',
    '16Uiu2HAmJnVR7ZzFaYvciPVafUXuYGLHPzSUigqAmeNw9nJUVGeM',
    '16Uiu2HAm2M7xs7cLPc3jamawkEqbr7cUJX11uvY7LxQ6WFUdUKUT',
    '16Uiu2HAm9CQhsuwPR54q27kNj9iaQVfyRzTGKrhFmr94oD8ujU6P',
  ],
  'status.staging': [
    '16Uiu2HAm3xVDaz6SRJ6kErwC21zBJEZjavVXg7VSkoWzaV1aMA3F',
    '16Uiu2HAmCDSnT8oNpMR9HH6uipD71KstYuDCAQGpek9XDAVmqdEr',
    '16Uiu2HAmB7Ur9HQqo3cWDPovRQjo57fxWWDaQx27WxSzDGhN4JKg',
    '16Uiu2HAmKBd6crqQNZ6nKCSCpHCAwUPn3DUDmkcPSWUTyVXpxKsW',
    '16Uiu2HAmMU7Y29oL6DmoJfBFv8J4JhYzYgazPL7nGKJFBV3qcj2E',
    '16Uiu2HAmU7xtcwytXpGpeDrfyhJkiFvTkQbLB9upL5MXPLGceG9K',
  ],
};

const storeNodesOf = (fleet: StatusFleet): string[] =>
  STORE_HOSTS.map(
    (host, index) => `/dns4/${host}.${fleet}.status.im/tcp/30303/p2p/${STORE_PEER_IDS[fleet][index]}`,
  );

/**
 * Each fleet's store nodes (13/WAKU2-STORE v3), as status-go knows them (its default store nodes per fleet, the
 * list fleets.status.im publishes). The ENR trees above name only the boot nodes (relay, filter, lightpush), so
 * back-fill cannot find the store nodes by discovery.
 */
export const STATUS_FLEET_STORE_NODES: Readonly<Record<StatusFleet, readonly string[]>> = {
  'status.prod': storeNodesOf('status.prod'),
  'status.staging': storeNodesOf('status.staging'),
};
