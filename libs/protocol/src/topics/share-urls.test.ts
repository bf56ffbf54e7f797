import { readFileSync } from 'node:fs';
import { brotliCompressSync } from 'node:zlib';
import { describe, expect, it } from '@jest/globals';
import { hexToBytesOrThrow } from '@status-communities/crypto';
import { ErrorCode } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import {
  MAX_URL_DATA_BYTES,
  decodeShareUrl,
  encodeChannelUrl,
  encodeCommunityUrl,
  encodeUserUrl,
  isShareUrl,
} from './share-urls.js';
import type { DecodedShareUrl } from './share-urls.js';

interface Vectors {
  keys: Record<'community' | 'member', { compressed: string; uncompressed: string }>;
  serializedKeys: { compressed: string; serialized: string }[];
}
const vectors = JSON.parse(
  readFileSync(new URL('../../../../../shared/vectors/status-wire.json', import.meta.url), 'utf8'),
) as Vectors;

// SG protocol/messenger_share_urls_test.go
const SG = {
  userURL: 'https://status.app/u#zQ3shwQPhRuDJSjVGVBnTjCdgXy5i9WQaeVPdGJD6yTarJQSj',
  userURLWithData:
    'https://status.app/u/G10A4B0JdgwyRww90WXtnP1oNH1ZLQNM0yX0Ja9YyAMjrqSZIYINOHCbFhrnKRAcPGStPxCMJDSZlGCKzmZrJcimHY8BbcXlORrElv_BbQEegnMDPx1g9C5VVNl0fE4y#zQ3shwQPhRuDJSjVGVBnTjCdgXy5i9WQaeVPdGJD6yTarJQSj',
  communityURL: 'https://status.app/c#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
  communityURLWithData:
    'https://status.app/c/iyKACkQKB0Rvb2RsZXMSJ0NvbG9yaW5nIHRoZSB3b3JsZCB3aXRoIGpveSDigKIg4bSXIOKAohiYohsiByMxMzFEMkYqAwEhMwM=#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
  communityURLWithDataNoTags:
    'https://status.app/c/CxCACh8KBFBJR1MSDHdlIGxvdmUgcGlncxgBIgcjRDM0NEM1Aw==#zQ3shZp9gY1FXfYkcd3CMrFLHriHQfrXvpF9XbZMwJhTcZsq8',
  communityURLWithDataWithTags:
    'https://status.app/c/CxKACiMKBFBJR1MSDHdlIGxvdmUgcGlncxgBIgcjRDM0NEM1KgIjHgM=#zQ3shZp9gY1FXfYkcd3CMrFLHriHQfrXvpF9XbZMwJhTcZsq8',
  channelURL:
    'https://status.app/cc/003cdcd5-e065-48f9-b166-b1a94ac75a11#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
  channelURLWithData:
    'https://status.app/cc/G54AAKwObLdpiGjXnckYzRcOSq0QQAS_CURGfqVU42ceGHCObstUIknTTZDOKF3E8y2MSicncpO7fTskXnoACiPKeejvjtLTGWNxUhlT7fyQS7Jrr33UVHluxv_PLjV2ePGw5GQ33innzeK34pInIgUGs5RjdQifMVmURalxxQKwiuoY5zwIjixWWRHqjHM=#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
};
const DOODLES_ID = '0x02a3d2fdb9ac335917bf9d46b38d7496c00bbfadbaf832e8aa61d13ac2b4452084';
const PIGS_ID = '0x02b84843377a24ff498b6c37bd63e2b285c1ee2ccbab82d7a4afa25fff8c5076df';
const DOODLES_KEY = 'zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11';
const USER_KEY = 'zQ3shwQPhRuDJSjVGVBnTjCdgXy5i9WQaeVPdGJD6yTarJQSj';
const CHANNEL_UUID = '003cdcd5-e065-48f9-b166-b1a94ac75a11';

const doodles = {
  displayName: 'Doodles',
  description: 'Coloring the world with joy • ᴗ •',
  membersCount: 446744,
  color: '#131D2F',
  tagIndices: [1, 33, 51],
};
const designChannel = {
  displayName: 'design',
  description: 'The quick brown fox jumped over the lazy dog because it was too lazy to go around.',
  emoji: '🍿',
  color: '#131D2F',
  community: { displayName: 'Doodles', description: '', membersCount: 0, color: '', tagIndices: [] },
};
const markCole = {
  displayName: 'Mark Cole',
  description: 'Visual designer @Status, cat lover, pizza enthusiast, yoga afficionada',
  color: '#BA434D',
};

const decoded = (url: string): DecodedShareUrl => {
  const result = decodeShareUrl(url);
  if (!result.ok) throw result.error;
  return result.value;
};
const expectInvalidUrl = (url: string): void => {
  const result = decodeShareUrl(url);
  expect(result.ok || result.error.code).toBe(ErrorCode.INVALID_URL);
};
const base64urlPadded = (bytes: Uint8Array): string =>
  Buffer.from(bytes).toString('base64').replaceAll('+', '-').replaceAll('/', '_');
const dataUrl = (path: 'c' | 'cc' | 'u', bytes: Uint8Array, key = DOODLES_KEY): string =>
  `https://status.app/${path}/${base64urlPadded(bytes)}#${key}`;

describe("decoding status-go's vector URLs", () => {
  it('community by key', () => {
    expect(decoded(SG.communityURL)).toEqual({
      kind: 'community',
      communityId: DOODLES_ID,
      chatKey: DOODLES_KEY,
    });
  });

  it('community with data', () => {
    expect(decoded(SG.communityURLWithData)).toEqual({
      kind: 'community',
      communityId: DOODLES_ID,
      chatKey: DOODLES_KEY,
      data: doodles,
    });
  });

  it('community with data, without and with tags', () => {
    const pigs = { displayName: 'PIGS', description: 'we love pigs', membersCount: 1, color: '#D344C5' };
    expect(decoded(SG.communityURLWithDataNoTags)).toMatchObject({
      kind: 'community',
      communityId: PIGS_ID,
      data: { ...pigs, tagIndices: [] },
    });
    expect(decoded(SG.communityURLWithDataWithTags)).toMatchObject({
      kind: 'community',
      communityId: PIGS_ID,
      data: { ...pigs, tagIndices: [0x23, 0x1e] },
    });
  });

  it('channel by UUID', () => {
    expect(decoded(SG.channelURL)).toEqual({
      kind: 'channel',
      communityId: DOODLES_ID,
      chatKey: DOODLES_KEY,
      channelUuid: CHANNEL_UUID,
    });
  });

  it('channel with data', () => {
    expect(decoded(SG.channelURLWithData)).toEqual({
      kind: 'channel',
      communityId: DOODLES_ID,
      chatKey: DOODLES_KEY,
      channelUuid: CHANNEL_UUID,
      data: { ...designChannel, uuid: CHANNEL_UUID },
    });
  });

  it('user by key, as a 0x04 member key', () => {
    const user = decoded(SG.userURL);
    expect(user).toMatchObject({ kind: 'user', chatKey: USER_KEY });
    expect(user.kind === 'user' && user.publicKey).toMatch(/^0x04[0-9a-f]{128}$/);
    expect(user).not.toHaveProperty('data');
  });

  it('user with data', () => {
    const user = decoded(SG.userURLWithData);
    expect(user).toMatchObject({ kind: 'user', chatKey: USER_KEY, data: markCole });
    const byKey = decoded(SG.userURL);
    expect(user.kind === 'user' ? user.publicKey : null).toBe(
      byKey.kind === 'user' ? byKey.publicKey : undefined,
    );
  });

  it('recognises share URLs by prefix like IsStatusSharedURL', () => {
    for (const url of Object.values(SG)) expect(isShareUrl(url)).toBe(true);
    for (const url of [
      'https://status.app',
      'https://status.app/features/messenger',
      'https://status.app/communities',
    ])
      expect(isShareUrl(url)).toBe(false);
  });
});

describe('encoding', () => {
  it("reproduces status-go's vector URLs byte for byte", () => {
    expect(encodeCommunityUrl({ communityKey: DOODLES_ID })).toEqual({ ok: true, value: SG.communityURL });
    expect(encodeCommunityUrl({ communityKey: DOODLES_ID, data: doodles })).toEqual({
      ok: true,
      value: SG.communityURLWithData,
    });
    expect(encodeChannelUrl({ communityKey: DOODLES_ID, channelUuid: CHANNEL_UUID })).toEqual({
      ok: true,
      value: SG.channelURL,
    });
    expect(
      encodeChannelUrl({ communityKey: DOODLES_ID, channelUuid: CHANNEL_UUID, data: designChannel }),
    ).toEqual({
      ok: true,
      value: SG.channelURLWithData,
    });
    const user = decoded(SG.userURL);
    const publicKey = user.kind === 'user' ? user.publicKey : '';
    expect(encodeUserUrl({ publicKey })).toEqual({ ok: true, value: SG.userURL });
    expect(encodeUserUrl({ publicKey, data: markCole })).toEqual({ ok: true, value: SG.userURLWithData });
  });

  it('uses the zQ3 key of the vectors, from bytes or hex, compressed or not', () => {
    const community = vectors.keys.community;
    const serialized = vectors.serializedKeys.find((k) => k.compressed === community.compressed)?.serialized;
    const expected = { ok: true, value: `https://status.app/c#${serialized}` };
    expect(encodeCommunityUrl({ communityKey: community.compressed })).toEqual(expected);
    expect(encodeCommunityUrl({ communityKey: community.uncompressed })).toEqual(expected);
    expect(encodeCommunityUrl({ communityKey: hexToBytesOrThrow(community.uncompressed) })).toEqual(expected);
  });

  it('round-trips data and shard for every kind', () => {
    const community = vectors.keys.community;
    const shard = { cluster: 16, index: 512 };
    const communityUrl = encodeCommunityUrl({ communityKey: community.compressed, data: doodles, shard });
    expect(communityUrl.ok && decoded(communityUrl.value)).toMatchObject({
      kind: 'community',
      communityId: community.compressed,
      data: doodles,
      shard,
    });
    const channelUrl = encodeChannelUrl({
      communityKey: community.compressed,
      channelUuid: CHANNEL_UUID,
      data: { ...designChannel, community: doodles },
      shard,
    });
    expect(channelUrl.ok && decoded(channelUrl.value)).toMatchObject({
      kind: 'channel',
      communityId: community.compressed,
      channelUuid: CHANNEL_UUID,
      data: { ...designChannel, community: doodles, uuid: CHANNEL_UUID },
      shard,
    });
    const bare = encodeChannelUrl({
      communityKey: community.compressed,
      channelUuid: CHANNEL_UUID,
      data: { displayName: 'x', description: '', emoji: '', color: '' },
    });
    expect(bare.ok && decoded(bare.value)).toEqual({
      kind: 'channel',
      communityId: community.compressed,
      chatKey: expect.stringMatching(/^zQ3sh/),
      channelUuid: CHANNEL_UUID,
      data: { displayName: 'x', description: '', emoji: '', color: '', uuid: CHANNEL_UUID },
    });
    const userUrl = encodeUserUrl({ publicKey: vectors.keys.member.uncompressed, data: markCole });
    expect(userUrl.ok && decoded(userUrl.value)).toMatchObject({
      kind: 'user',
      publicKey: vectors.keys.member.uncompressed,
      data: markCole,
    });
  });

  it('rejects bad input with typed errors', () => {
    const badKey = encodeCommunityUrl({ communityKey: '0x02' + '0'.repeat(63) + '5' });
    expect(badKey.ok || badKey.error.code).toBe(ErrorCode.INVALID_KEY);
    const badBytes = encodeUserUrl({ publicKey: new Uint8Array(33) });
    expect(badBytes.ok || badBytes.error.code).toBe(ErrorCode.INVALID_KEY);
    const badUuid = encodeChannelUrl({ communityKey: DOODLES_ID, channelUuid: 'general' });
    expect(badUuid.ok || badUuid.error.code).toBe(ErrorCode.INVALID_CHAT_ID);
    for (const data of [
      { ...doodles, membersCount: -1 },
      { ...doodles, membersCount: 2 ** 32 },
      { ...doodles, tagIndices: [1.5] },
    ]) {
      const result = encodeCommunityUrl({ communityKey: DOODLES_ID, data });
      expect(result.ok || result.error.code).toBe(ErrorCode.BAD_USER_INPUT);
    }
  });
});

describe('decoding junk', () => {
  it.each([
    // SG protocol/messenger_share_urls_test.go TestParseWrongUrls
    'https://status.appc/#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
    'https://status.app/cc#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
    'https://status.app/a#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
    'https://status.im/u#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
    'https://status.app/u/',
    // other hosts, schemes and paths
    'http://status.app/c#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
    'status.app/c#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
    '',
    // keys
    'https://status.app/c#',
    'https://status.app/c#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc12',
    'https://status.app/c#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11#',
    'https://status.app/c#0x02a3d2fdb9ac335917bf9d46b38d7496c00bbfadbaf832e8aa61d13ac2b4452084',
    'https://status.app/u#vitalik.eth',
    'https://status.app/cc/003cdcd5-e065-48f9-b166-b1a94ac75a11#',
    'https://status.app/cc/003cdcd5-e065-48f9-b166-b1a94ac75a11',
    SG.communityURLWithData.replace(DOODLES_KEY, 'zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFx'),
    SG.userURLWithData.replace(USER_KEY, 'zzz'),
    // base64
    SG.communityURLWithData.replace('=#', '#'),
    SG.communityURLWithData.replace('iyKA', 'iy+A'),
    SG.communityURLWithData.replace('iyKA', 'iy A'),
    'https://status.app/c/#zQ3shYSHp7GoiXaauJMnDcjwU2yNjdzpXLosAWapPS4CFxc11',
    // brotli
    SG.communityURLWithData.replace('iyKACkQK', 'AAAACkQK'),
    // truncated stream (40 base64 chars after the 22-char prefix)
    SG.channelURLWithData.slice(0, 62) + '#' + DOODLES_KEY,
  ])('%s is INVALID_URL', (url) => expectInvalidUrl(url));

  it('rejects valid brotli of junk protobuf', () => {
    expectInvalidUrl(dataUrl('c', brotliCompressSync(Uint8Array.of(0x0a, 0x05, 1))));
    const badContent = encodeProto(status.URLData, { content: Uint8Array.of(0x0a, 0xff) });
    expectInvalidUrl(dataUrl('c', brotliCompressSync(badContent)));
    expectInvalidUrl(dataUrl('u', brotliCompressSync(badContent), USER_KEY));
    expectInvalidUrl(dataUrl('cc', brotliCompressSync(badContent)));
  });

  it(`rejects data that decompresses past ${MAX_URL_DATA_BYTES} bytes`, () => {
    const big = encodeProto(status.URLData, { content: new Uint8Array(MAX_URL_DATA_BYTES) });
    expectInvalidUrl(dataUrl('c', brotliCompressSync(big)));
    // URLData tag + 2-byte length + Community tag + 2-byte length + description = 4096 bytes exactly.
    const description = 'a'.repeat(MAX_URL_DATA_BYTES - 6);
    const fits = encodeProto(status.URLData, { content: encodeProto(status.Community, { description }) });
    expect(fits).toHaveLength(MAX_URL_DATA_BYTES);
    const result = decodeShareUrl(dataUrl('c', brotliCompressSync(fits)));
    expect(result.ok && result.value.kind === 'community' && result.value.data?.description).toBe(
      description,
    );
  });

  it('rejects an out-of-range shard and channel data without a UUID', () => {
    const content = encodeProto(status.Community, { displayName: 'x' });
    const shard = encodeProto(status.URLData, { content, shard: { cluster: 16, index: 5000 } });
    expectInvalidUrl(dataUrl('c', brotliCompressSync(shard)));
    const channel = encodeProto(status.Channel, { displayName: 'x', uuid: 'general' });
    expectInvalidUrl(dataUrl('cc', brotliCompressSync(encodeProto(status.URLData, { content: channel }))));
  });

  it('rejects overlong input before decoding it', () => {
    expectInvalidUrl(`https://status.app/c/${'A'.repeat(20_000)}#${DOODLES_KEY}`);
  });

  it('returns typed errors for random data segments and random bytes after brotli', () => {
    let state = 2024;
    const next = (): number => (state = (state * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 300; i++) {
      const bytes = new Uint8Array(next() % 120).map(() => next() % 256);
      for (const path of ['c', 'cc', 'u'] as const) {
        for (const segment of [bytes, brotliCompressSync(bytes)]) {
          const result = decodeShareUrl(dataUrl(path, segment, path === 'u' ? USER_KEY : DOODLES_KEY));
          if (!result.ok) expect(result.error.code).toBe(ErrorCode.INVALID_URL);
        }
      }
      const text = Buffer.from(bytes).toString('latin1');
      for (const prefix of [
        'https://status.app/c#',
        'https://status.app/u#zQ3sh',
        'https://status.app/cc/',
        '',
      ]) {
        const result = decodeShareUrl(prefix + text);
        expect(result.ok || result.error.code).toBe(ErrorCode.INVALID_URL);
      }
    }
  });
});
