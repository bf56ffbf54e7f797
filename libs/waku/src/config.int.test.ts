import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Env } from './index.js';
import { STATUS_FLEETS, createWakuNode, generateNodeKey, parseWakuConfig } from './index.js';

const PEER_A = '/ip4/127.0.0.1/tcp/60001/p2p/12D3KooWEvLj6hPTv2Wq8XCQ4DjvhB9XrVkZMFNyT17B6jh7atPu';
const PEER_B =
  '/dns4/boot-01.do-ams3.status.prod.status.im/tcp/30303/p2p/16Uiu2HAmAR24Mbb6VuzoyUiGx42UenDkshENVDj4qnmmbabLvo31';

const errorOf = (env: Env): { message: string; variable: unknown } => {
  const result = parseWakuConfig(env);
  if (result.ok) throw new Error('expected a configuration error');
  return { message: result.error.message, variable: result.error.details.variable };
};

describe('parseWakuConfig', () => {
  it('selects the fleet tree and the defaults', () => {
    const result = parseWakuConfig({ WAKU_FLEET: 'status.prod' });
    expect(result.ok && result.value).toEqual({
      shards: [32, 64, 128, 256],
      listen: ['/ip4/0.0.0.0/tcp/60000'],
      announce: [],
      bootstrapPeers: [],
      fleet: 'status.prod',
      enrTrees: [STATUS_FLEETS['status.prod']],
    });
    const staging = parseWakuConfig({ WAKU_FLEET: 'status.staging' });
    expect(staging.ok && staging.value.enrTrees).toEqual([
      'enrtree://AI4W5N5IFEUIHF5LESUAOSMV6TKWF2MB6GU2YK7PU4TYUGUNOCEPW@boot.staging.status.nodes.status.im',
    ]);
  });

  it('reads bootstrap peers, shards and the listen address', () => {
    const result = parseWakuConfig({
      WAKU_BOOTSTRAP_PEERS: ` ${PEER_A} ,${PEER_B},`,
      WAKU_SHARDS: '64, 32,64,1023',
      WAKU_LISTEN_ADDRESS: '::1',
      WAKU_LISTEN_PORT: '0',
    });
    expect(result.ok && result.value).toEqual({
      shards: [64, 32, 1023],
      listen: ['/ip6/::1/tcp/0'],
      announce: [],
      bootstrapPeers: [PEER_A, PEER_B],
      fleet: undefined,
      enrTrees: [],
    });
  });

  it('adds a websocket listener on the same address with WAKU_WS_PORT', () => {
    const result = parseWakuConfig({
      WAKU_FLEET: 'status.prod',
      WAKU_LISTEN_ADDRESS: '127.0.0.1',
      WAKU_WS_PORT: ' 8000 ',
    });
    expect(result.ok && result.value.listen).toEqual([
      '/ip4/127.0.0.1/tcp/60000',
      '/ip4/127.0.0.1/tcp/8000/ws',
    ]);
    expect(result.ok && result.value.maxConnections).toBeUndefined();
    const both = parseWakuConfig({
      WAKU_FLEET: 'status.prod',
      WAKU_LISTEN_PORT: '0',
      WAKU_WS_PORT: '0',
      WAKU_MAX_CONNECTIONS: '600',
    });
    expect(both.ok && both.value.maxConnections).toBe(600);
    expect(both.ok && both.value.listen).toEqual(['/ip4/0.0.0.0/tcp/0', '/ip4/0.0.0.0/tcp/0/ws']);
  });

  it('reads the addresses to announce beside the listeners (a TLS proxy in front of /ws)', () => {
    const result = parseWakuConfig({
      WAKU_FLEET: 'status.prod',
      WAKU_ANNOUNCE_ADDRESSES: '/dns4/gw-0.example.org/tcp/443/wss, /ip4/203.0.113.7/tcp/60000',
    });
    expect(result.ok && result.value.announce).toEqual([
      '/dns4/gw-0.example.org/tcp/443/wss',
      '/ip4/203.0.113.7/tcp/60000',
    ]);
  });

  it('names the variable in every error', () => {
    const cases: [Env, string, RegExp][] = [
      [{}, 'WAKU_BOOTSTRAP_PEERS', /or WAKU_FLEET/],
      [{ WAKU_FLEET: 'status.test' }, 'WAKU_FLEET', /status\.prod, status\.staging/],
      [{ WAKU_BOOTSTRAP_PEERS: 'localhost:60000' }, 'WAKU_BOOTSTRAP_PEERS', /not a multiaddr/],
      [{ WAKU_BOOTSTRAP_PEERS: '/ip4/1.2.3.4/tcp/1' }, 'WAKU_BOOTSTRAP_PEERS', /no \/p2p\//],
      [{ WAKU_FLEET: 'status.prod', WAKU_SHARDS: '32,abc' }, 'WAKU_SHARDS', /"abc"/],
      [{ WAKU_FLEET: 'status.prod', WAKU_SHARDS: '1024' }, 'WAKU_SHARDS', /0\.\.1023/],
      [{ WAKU_FLEET: 'status.prod', WAKU_SHARDS: ' , ' }, 'WAKU_SHARDS', /no shard/],
      [{ WAKU_FLEET: 'status.prod', WAKU_LISTEN_ADDRESS: 'localhost' }, 'WAKU_LISTEN_ADDRESS', /IP address/],
      [{ WAKU_FLEET: 'status.prod', WAKU_LISTEN_PORT: '70000' }, 'WAKU_LISTEN_PORT', /0\.\.65535/],
      [{ WAKU_FLEET: 'status.prod', WAKU_WS_PORT: '8000x' }, 'WAKU_WS_PORT', /"8000x" is not a TCP port/],
      [{ WAKU_FLEET: 'status.prod', WAKU_WS_PORT: '60000' }, 'WAKU_WS_PORT', /WAKU_LISTEN_PORT too/],
      [
        { WAKU_FLEET: 'status.prod', WAKU_ANNOUNCE_ADDRESSES: 'wss://gw.example.org' },
        'WAKU_ANNOUNCE_ADDRESSES',
        /not a multiaddr/,
      ],
      [
        { WAKU_FLEET: 'status.prod', WAKU_ANNOUNCE_ADDRESSES: PEER_A },
        'WAKU_ANNOUNCE_ADDRESSES',
        /names a peer/,
      ],
      [
        { WAKU_FLEET: 'status.prod', WAKU_ANNOUNCE_ADDRESSES: '/dns4/gw.example.org/udp/443/quic-v1' },
        'WAKU_ANNOUNCE_ADDRESSES',
        /tcp\/<port>/,
      ],
      [{ WAKU_FLEET: 'status.prod', WAKU_MAX_CONNECTIONS: '0' }, 'WAKU_MAX_CONNECTIONS', /1\.\.100000/],
      [{ WAKU_FLEET: 'status.prod', WAKU_NODE_KEY: 'abc' }, 'WAKU_NODE_KEY', /64 hex digits/],
      // Zero is no secp256k1 key.
      [{ WAKU_FLEET: 'status.prod', WAKU_NODE_KEY: '0'.repeat(64) }, 'WAKU_NODE_KEY', /secp256k1/],
    ];
    for (const [env, variable, why] of cases) {
      const error = errorOf(env);
      expect(error.variable).toBe(variable);
      expect(error.message.startsWith(`${variable}: `)).toBe(true);
      expect(error.message).toMatch(why);
    }
  });

  it('keeps the node key under a name log redaction masks, and never repeats a bad one', async () => {
    const key = await generateNodeKey();
    const result = parseWakuConfig({ WAKU_FLEET: 'status.prod', WAKU_NODE_KEY: ` 0x${key} ` });
    expect(result.ok && result.value.privateKey).toBe(`0x${key}`);
    expect(errorOf({ WAKU_FLEET: 'status.prod', WAKU_NODE_KEY: `${key}ff` }).message).not.toContain(key);
  });

  it('reads the node key from WAKU_NODE_KEY_FILE (a mounted secret), refusing what is no key without showing it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waku-node-key-'));
    try {
      const key = await generateNodeKey();
      const keyFile = join(dir, 'waku-gateway-0');
      await writeFile(keyFile, `${key}\n`);
      const result = parseWakuConfig({ WAKU_FLEET: 'status.prod', WAKU_NODE_KEY_FILE: keyFile });
      expect(result.ok && result.value.privateKey).toBe(key);

      const placeholder = join(dir, 'placeholder');
      await writeFile(placeholder, 'CHANGE-ME-64-hex-digits');
      const wrongKey = join(dir, 'wrong');
      await writeFile(wrongKey, `${key}00`);
      const missing = join(dir, 'waku-gateway-2');
      const cases: [Env, RegExp][] = [
        [{ WAKU_NODE_KEY_FILE: missing }, new RegExp(`cannot read "${missing}" \\(ENOENT\\)`)],
        [{ WAKU_NODE_KEY_FILE: dir }, /cannot read .*\(EISDIR\)/],
        [
          { WAKU_NODE_KEY_FILE: placeholder },
          /"[^"]+placeholder" does not hold a secp256k1 private key of 64 hex/,
        ],
        [
          { WAKU_NODE_KEY_FILE: wrongKey },
          /does not hold a secp256k1 private key.*status-communities node-key/,
        ],
        [{ WAKU_NODE_KEY_FILE: keyFile, WAKU_NODE_KEY: key }, /set it or WAKU_NODE_KEY, not both/],
      ];
      for (const [env, why] of cases) {
        const error = errorOf({ WAKU_FLEET: 'status.prod', ...env });
        expect(error.variable).toBe('WAKU_NODE_KEY_FILE');
        expect(error.message).toMatch(why);
        expect(error.message).not.toContain(key);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("raises js-libp2p's own connection limit to WAKU_MAX_CONNECTIONS (node built, not started)", async () => {
    const maxConnectionsOf = async (env: Env): Promise<number | undefined> => {
      const result = parseWakuConfig({
        WAKU_FLEET: 'status.staging',
        WAKU_LISTEN_ADDRESS: '127.0.0.1',
        ...env,
      });
      if (!result.ok) throw result.error;
      const node = await createWakuNode(result.value);
      const { components } = (
        node.light.libp2p as unknown as {
          components: { components: Record<string, { getMaxConnections?: () => number }> };
        }
      ).components;
      return components['connectionManager']?.getMaxConnections?.();
    };
    // libp2p refused inbound connections past its default of 300 whatever @waku/sdk's limit said.
    expect(await maxConnectionsOf({ WAKU_MAX_CONNECTIONS: '600' })).toBe(600);
    expect(await maxConnectionsOf({})).toBe(300);
  });

  it('wires the fleet tree into DNS discovery (node built, not started: no network)', async () => {
    const result = parseWakuConfig({ WAKU_FLEET: 'status.staging', WAKU_LISTEN_ADDRESS: '127.0.0.1' });
    if (!result.ok) throw result.error;
    const node = await createWakuNode(result.value);
    const components = Object.values(
      (node.light.libp2p.components as unknown as { components: Record<string, unknown> }).components,
    ) as { [Symbol.toStringTag]?: string; _options?: { enrUrls: string[] } }[];
    const dns = components.filter((component) => component?.[Symbol.toStringTag] === '@waku/bootstrap');
    expect(dns.map((component) => component._options?.enrUrls)).toEqual([[STATUS_FLEETS['status.staging']]]);
  });
});
