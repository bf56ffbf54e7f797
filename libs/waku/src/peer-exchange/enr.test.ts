import { describe, expect, it } from '@jest/globals';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { EnrDecoder } from '@waku/enr';
import { nodeKeyFromHex } from '../node-key.js';
import { signedEnr } from './enr.js';
import { rlpEncode } from './rlp.js';

const KEY_HEX = '4f3edf983ac636a65a842ce7c78d9aa706d3b113bce9c46f30d7d21715b23b1d';
const privateKey = Buffer.from(KEY_HEX, 'hex');
const peerId = peerIdFromPrivateKey(nodeKeyFromHex(KEY_HEX)!).toString();

describe('rlpEncode', () => {
  it('encodes the yellow paper examples', () => {
    const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
    expect(hex(rlpEncode(new TextEncoder().encode('dog')))).toBe('83646f67');
    expect(hex(rlpEncode([new TextEncoder().encode('cat'), new TextEncoder().encode('dog')]))).toBe(
      'c88363617483646f67',
    );
    expect(hex(rlpEncode(new Uint8Array()))).toBe('80');
    expect(hex(rlpEncode([]))).toBe('c0');
    expect(hex(rlpEncode(Uint8Array.from([0x0f])))).toBe('0f');
    expect(hex(rlpEncode(new Uint8Array(56).fill(0x61))).slice(0, 4)).toBe('b838');
  });
});

describe('signedEnr', () => {
  it('is a record the stock @waku/enr decoder verifies, naming our peer id, addresses, protocols and shards', async () => {
    const record = signedEnr({
      privateKey,
      addresses: [`/ip4/127.0.0.1/tcp/60000/p2p/${peerId}`, `/ip4/127.0.0.1/tcp/8000/ws/p2p/${peerId}`],
      shards: [32, 64, 128, 256],
      seq: 7,
    });
    const enr = await EnrDecoder.fromRLP(record);
    expect(enr.seq).toBe(7n);
    expect(enr.peerId?.toString()).toBe(peerId);
    expect(enr.ip).toBe('127.0.0.1');
    expect(enr.tcp).toBe(60000);
    expect(enr.waku2).toEqual({ relay: true, store: true, filter: true, lightPush: true });
    expect(enr.shardInfo).toEqual({ clusterId: 16, shards: [32, 64, 128, 256] });
    expect(enr.peerInfo?.multiaddrs.map(String).sort()).toEqual([
      `/ip4/127.0.0.1/tcp/60000/p2p/${peerId}`,
      `/ip4/127.0.0.1/tcp/8000/ws/p2p/${peerId}`,
    ]);
  });
});
