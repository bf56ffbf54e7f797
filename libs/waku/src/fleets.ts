/** Status fleets and their EIP-1459 DNS discovery trees (shared/reference/waku.md). */
export const STATUS_FLEETS = {
  'status.prod':
    'enrtree://AMOJVZX4V6EXP7NTJPMAYJYST2QP6AJXYW76IU6VGJS7UVSNDYZG4@boot.prod.status.nodes.status.im',
  'status.staging':
    'enrtree://AI4W5N5IFEUIHF5LESUAOSMV6TKWF2MB6GU2YK7PU4TYUGUNOCEPW@boot.staging.status.nodes.status.im',
} as const;

export type StatusFleet = keyof typeof STATUS_FLEETS;

export const isStatusFleet = (value: string): value is StatusFleet => Object.hasOwn(STATUS_FLEETS, value);

const storeNode = (fleet: string, host: string, peerId: string): string =>
  `/dns4/${host}.${fleet}.status.im/tcp/30303/p2p/${peerId}`;

/**
 * Each fleet's store nodes (13/WAKU2-STORE v3), as status-go knows them (its default store nodes per fleet, the
 * list fleets.status.im publishes). The ENR trees above name only the boot nodes (relay, filter, lightpush), so
 * back-fill cannot find the store nodes by discovery.
 */
export const STATUS_FLEET_STORE_NODES: Readonly<Record<StatusFleet, readonly string[]>> = {
  'status.prod': [
    storeNode('status.prod', 'store-01.do-ams3', '16Uiu2HAmAUdrQ3uwzuE4Gy4D56hX6uLKEeerJAnhKEHZ3DxF1EfT'),
    storeNode('status.prod', 'store-02.do-ams3', '16Uiu2HAm9aDJPkhGxc2SFcEACTFdZ91Q5TJjp76qZEhq9iF59x7R'),
    storeNode(
      'status.prod',
      'store-01.gc-us-central1-a',
      '16Uiu2HAmMELCo218hncCtTvC2Dwbej3rbyHQcR8erXNnKGei7WPZ',
    ),
    storeNode(
      'status.prod',
      'store-02.gc-us-central1-a',
      '16Uiu2HAmJnVR7ZzFaYvciPVafUXuYGLHPzSUigqAmeNw9nJUVGeM',
    ),
    storeNode(
      'status.prod',
      'store-01.ac-cn-hongkong-c',
      '16Uiu2HAm2M7xs7cLPc3jamawkEqbr7cUJX11uvY7LxQ6WFUdUKUT',
    ),
    storeNode(
      'status.prod',
      'store-02.ac-cn-hongkong-c',
      '16Uiu2HAm9CQhsuwPR54q27kNj9iaQVfyRzTGKrhFmr94oD8ujU6P',
    ),
  ],
  'status.staging': [
    storeNode('status.staging', 'store-01.do-ams3', '16Uiu2HAm3xVDaz6SRJ6kErwC21zBJEZjavVXg7VSkoWzaV1aMA3F'),
    storeNode('status.staging', 'store-02.do-ams3', '16Uiu2HAmCDSnT8oNpMR9HH6uipD71KstYuDCAQGpek9XDAVmqdEr'),
    storeNode(
      'status.staging',
      'store-01.gc-us-central1-a',
      '16Uiu2HAmB7Ur9HQqo3cWDPovRQjo57fxWWDaQx27WxSzDGhN4JKg',
    ),
    storeNode(
      'status.staging',
      'store-02.gc-us-central1-a',
      '16Uiu2HAmKBd6crqQNZ6nKCSCpHCAwUPn3DUDmkcPSWUTyVXpxKsW',
    ),
    storeNode(
      'status.staging',
      'store-01.ac-cn-hongkong-c',
      '16Uiu2HAmMU7Y29oL6DmoJfBFv8J4JhYzYgazPL7nGKJFBV3qcj2E',
    ),
    storeNode(
      'status.staging',
      'store-02.ac-cn-hongkong-c',
      '16Uiu2HAmU7xtcwytXpGpeDrfyhJkiFvTkQbLB9upL5MXPLGceG9K',
    ),
  ],
};
