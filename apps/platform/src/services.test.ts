import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import {
  PLATFORM_SERVICES,
  builtServices,
  healthPortOf,
  serviceEntry,
  serviceEnv,
  withGateways,
} from './services.js';

const shared = {
  DATABASE_URL: 'postgresql://postgres@db:5432/sc',
  REDIS_URL: 'redis://cache:6379',
  WAKU_BOOTSTRAP_PEERS: '/ip4/127.0.0.1/tcp/1/p2p/x',
  keyring: { KEYRING_MASTER_KEY: 'ab'.repeat(32), KEYRING_MASTER_KEY_ID: 'dev-1' },
  webhookKey: { WEBHOOK_SECRET_KEY: 'cd'.repeat(32), WEBHOOK_SECRET_KEY_ID: 'dev-webhooks-1' },
  groupKeys: { GROUP_KEYS_MASTER_KEY: 'ef'.repeat(32), GROUP_KEYS_MASTER_KEY_ID: 'dev-groups-1' },
  adminBootstrapToken: `sc_${'0'.repeat(12)}_${'A'.repeat(43)}`,
  gatewayNodeKeys: [{ WAKU_NODE_KEY: '01'.repeat(32) }, { WAKU_NODE_KEY: '02'.repeat(32) }],
  portBase: 9101,
  apiPort: 4000,
};
const byName = (name: string) => {
  const spec = PLATFORM_SERVICES.find((service) => service.name === name);
  if (spec === undefined) throw new Error(`no service ${name}`);
  return spec;
};

describe('the services of the platform', () => {
  it('gives every service its own health port', () => {
    const ports = PLATFORM_SERVICES.map((service) => healthPortOf(service, 9101));
    expect(new Set(ports).size).toBe(PLATFORM_SERVICES.length);
    expect(healthPortOf(byName('waku-gateway'), 9101)).toBe(9101);
    expect(healthPortOf(byName('indexer'), 9101)).toBe(9102);
    expect(healthPortOf(byName('request-handler'), 9101)).toBe(9103);
    expect(healthPortOf(byName('api'), 9101)).toBe(9104);
    expect(healthPortOf(byName('publisher'), 9101)).toBe(9105);
  });

  it('tells the api where to serve GraphQL, its webhook key and first admin API key, and no other service', () => {
    const fromShell = { WEBHOOK_SECRET_KEY: 'from-shell', WEBHOOK_PREVIOUS_SECRET_KEYS: 'old:key' };
    expect(serviceEnv(byName('api'), fromShell, shared)).toMatchObject({
      API_PORT: '4000',
      ADMIN_BOOTSTRAP_TOKEN: shared.adminBootstrapToken,
      ...shared.webhookKey,
      WEBHOOK_PREVIOUS_SECRET_KEYS: 'old:key',
    });
    for (const name of ['waku-gateway', 'indexer', 'publisher', 'request-handler']) {
      const env = serviceEnv(byName(name), fromShell, shared);
      expect(env['API_PORT']).toBeUndefined();
      expect(env['ADMIN_BOOTSTRAP_TOKEN']).toBeUndefined();
      expect(env['WEBHOOK_SECRET_KEY']).toBeUndefined();
      expect(env['WEBHOOK_PREVIOUS_SECRET_KEYS']).toBeUndefined();
    }
  });

  it('hands every service the one database, Redis and Waku network, over what the shell sets', () => {
    const env = serviceEnv(
      byName('indexer'),
      { PATH: '/bin', REDIS_URL: 'redis://other', HEALTH_PORT: '1' },
      shared,
    );
    expect(env).toMatchObject({
      PATH: '/bin',
      DATABASE_URL: shared.DATABASE_URL,
      REDIS_URL: shared.REDIS_URL,
      WAKU_BOOTSTRAP_PEERS: shared.WAKU_BOOTSTRAP_PEERS,
      HEALTH_PORT: '9102',
    });
  });

  it('gives the master key only to the services that open the keyring', () => {
    const base = { KEYRING_MASTER_KEY: 'from-shell', KEYRING_PREVIOUS_MASTER_KEYS: 'old:key' };
    expect(serviceEnv(byName('publisher'), base, shared)).toMatchObject(shared.keyring);
    expect(serviceEnv(byName('request-handler'), base, shared)).toMatchObject(shared.keyring);
    for (const name of ['waku-gateway', 'indexer', 'api']) {
      const env = serviceEnv(byName(name), base, shared);
      expect(env['KEYRING_MASTER_KEY']).toBeUndefined();
      expect(env['KEYRING_MASTER_KEY_ID']).toBeUndefined();
      expect(env['KEYRING_PREVIOUS_MASTER_KEYS']).toBeUndefined();
    }
  });

  it('gives the group-key master key to the services that read encrypted communities, and only to them', () => {
    const base = { GROUP_KEYS_MASTER_KEY: 'from-shell' };
    for (const name of ['publisher', 'request-handler', 'indexer'])
      expect(serviceEnv(byName(name), base, shared)).toMatchObject(shared.groupKeys);
    for (const name of ['waku-gateway', 'api']) {
      const env = serviceEnv(byName(name), base, shared);
      expect(env['GROUP_KEYS_MASTER_KEY']).toBeUndefined();
      expect(env['GROUP_KEYS_MASTER_KEY_ID']).toBeUndefined();
    }
  });

  it('leaves WAKU_BOOTSTRAP_PEERS to the shell when no devnet runs', () => {
    const { WAKU_BOOTSTRAP_PEERS: _devnet, ...withoutDevnet } = shared;
    const env = serviceEnv(byName('waku-gateway'), { WAKU_FLEET: 'status.prod' }, withoutDevnet);
    expect(env['WAKU_BOOTSTRAP_PEERS']).toBeUndefined();
    expect(env['WAKU_FLEET']).toBe('status.prod');
  });

  it("gives the gateways the devnet's Store node to back-fill from, unless BACKFILL_STORE_PEERS names others", () => {
    const store = '/ip4/127.0.0.1/tcp/2/p2p/y';
    const withStore = { ...shared, BACKFILL_STORE_PEERS: store };
    expect(serviceEnv(byName('waku-gateway'), {}, withStore)['BACKFILL_STORE_PEERS']).toBe(store);
    expect(
      serviceEnv(byName('waku-gateway'), { BACKFILL_STORE_PEERS: '' }, withStore)['BACKFILL_STORE_PEERS'],
    ).toBe(store);
    const own = '/dns4/store.example/tcp/30303/p2p/z';
    expect(
      serviceEnv(byName('waku-gateway'), { BACKFILL_STORE_PEERS: own }, withStore)['BACKFILL_STORE_PEERS'],
    ).toBe(own);
    expect(serviceEnv(byName('waku-gateway'), {}, shared)['BACKFILL_STORE_PEERS']).toBeUndefined();
  });

  it('runs more gateways under names and health ports of their own, on any free Waku port', () => {
    const services = withGateways(PLATFORM_SERVICES, 3);
    expect(services.map((service) => service.instance)).toEqual([
      'waku-gateway',
      'waku-gateway-2',
      'waku-gateway-3',
      'indexer',
      'publisher',
      'request-handler',
      'api',
    ]);
    const ports = services.map((service) => healthPortOf(service, 9101));
    expect(new Set(ports).size).toBe(services.length);
    const [first, second] = services;
    if (first === undefined || second === undefined) throw new Error('no gateways');
    expect(healthPortOf(second, 9101)).toBe(9106);
    expect(serviceEnv(second, { WAKU_LISTEN_PORT: '60000', WAKU_WS_PORT: '8000' }, shared)).toMatchObject({
      SERVICE_NAME: 'waku-gateway-2',
      WAKU_LISTEN_PORT: '0',
      WAKU_WS_PORT: '0',
      HEALTH_PORT: '9106',
    });
    expect(serviceEnv(first, { WAKU_LISTEN_PORT: '60000', WAKU_WS_PORT: '8000' }, shared)).toMatchObject({
      WAKU_LISTEN_PORT: '60000',
      WAKU_WS_PORT: '8000',
    });
    // Light clients always find a websocket listener, on any free port unless the operator names one.
    expect(serviceEnv(first, {}, shared)['WAKU_WS_PORT']).toBe('0');
    const indexer = services.find((service) => service.name === 'indexer');
    expect(indexer && serviceEnv(indexer, {}, shared)['WAKU_WS_PORT']).toBeUndefined();
    expect(serviceEnv(first, {}, shared)['SERVICE_NAME']).toBeUndefined();
    expect(withGateways(PLATFORM_SERVICES, 1)).toEqual(PLATFORM_SERVICES);
  });

  it('gives each gateway its own node key, over what the shell sets, and no other service one', () => {
    const fromShell = { WAKU_NODE_KEY: 'ff'.repeat(32), WAKU_NODE_KEY_FILE: '/run/key' };
    const services = withGateways(PLATFORM_SERVICES, 2);
    const keys = services.map((service) => {
      const env = serviceEnv(service, fromShell, shared);
      return { instance: service.instance, key: env['WAKU_NODE_KEY'], file: env['WAKU_NODE_KEY_FILE'] };
    });
    expect(keys).toEqual([
      { instance: 'waku-gateway', key: '01'.repeat(32), file: undefined },
      { instance: 'waku-gateway-2', key: '02'.repeat(32), file: undefined },
      ...['indexer', 'publisher', 'request-handler', 'api'].map((instance) => ({
        instance,
        key: undefined,
        file: undefined,
      })),
    ]);
    const operatorFile = { ...shared, gatewayNodeKeys: [{ WAKU_NODE_KEY_FILE: '/run/key' }] };
    expect(serviceEnv(byName('waku-gateway'), fromShell, operatorFile)).toMatchObject({
      WAKU_NODE_KEY_FILE: '/run/key',
    });
    expect(serviceEnv(byName('waku-gateway'), fromShell, operatorFile)['WAKU_NODE_KEY']).toBeUndefined();
  });

  it('starts only the services that are built', async () => {
    const root = await mkdtemp(join(tmpdir(), 'platform-services-'));
    try {
      for (const name of ['indexer', 'api']) {
        const entry = serviceEntry(root, byName(name));
        await mkdir(join(entry, '..'), { recursive: true });
        await writeFile(entry, '');
      }
      expect(builtServices(root).map((service) => service.name)).toEqual(['indexer', 'api']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
