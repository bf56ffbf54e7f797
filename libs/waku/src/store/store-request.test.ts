import { describe, expect, it } from '@jest/globals';
import { parseStoreRequest } from './store-request.js';
import { CONTENT_TOPIC, PUBSUB_TOPIC, encodeRequest } from './testing/fixtures.js';

const HASH = new Uint8Array(32).fill(7);

const rejection = (request: Parameters<typeof encodeRequest>[0]): string => {
  const parsed = parseStoreRequest(encodeRequest(request));
  if (parsed.ok) throw new Error('expected a rejection');
  expect(parsed.error.requestId).toBe('test-request');
  return parsed.error.description;
};

describe('parseStoreRequest', () => {
  it('reads a content-filtered query with its time range, cursor, direction and data flag', () => {
    const parsed = parseStoreRequest(
      encodeRequest({
        includeData: true,
        pubsubTopic: PUBSUB_TOPIC,
        contentTopics: [CONTENT_TOPIC],
        timeStart: 10n,
        timeEnd: 20n,
        paginationCursor: HASH,
        paginationForward: true,
        paginationLimit: 7n,
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      value: {
        requestId: 'test-request',
        includeData: true,
        query: {
          pubsubTopic: PUBSUB_TOPIC,
          contentTopics: [CONTENT_TOPIC],
          timeStartNs: 10n,
          timeEndNs: 20n,
          cursor: '07'.repeat(32),
          forward: true,
          limit: 7,
        },
      },
    });
  });

  it('defaults as 13/WAKU2-STORE v3 says: hashes only, backward, 20 per page; lowers a limit over 100', () => {
    const parsed = parseStoreRequest(encodeRequest({}));
    expect(parsed).toEqual({
      ok: true,
      value: {
        requestId: 'test-request',
        includeData: false,
        query: { contentTopics: [], forward: false, limit: 20 },
      },
    });
    const large = parseStoreRequest(encodeRequest({ paginationLimit: 1_000_000n }));
    expect(large.ok && large.value.query.limit).toBe(100);
  });

  it('reads a hash lookup', () => {
    const parsed = parseStoreRequest(encodeRequest({ messageHashes: [HASH] }));
    expect(parsed.ok && parsed.value.query.hashes).toEqual(['07'.repeat(32)]);
  });

  it('refuses what 13/WAKU2-STORE v3 calls invalid, echoing the request id', () => {
    expect(rejection({ contentTopics: [CONTENT_TOPIC] })).toMatch('must be set together');
    expect(rejection({ pubsubTopic: PUBSUB_TOPIC })).toMatch('must be set together');
    expect(
      rejection({ messageHashes: [HASH], pubsubTopic: PUBSUB_TOPIC, contentTopics: [CONTENT_TOPIC] }),
    ).toMatch('hash lookup cannot also filter');
    expect(rejection({ messageHashes: [HASH], timeStart: 1n })).toMatch('hash lookup cannot also filter');
  });

  it('refuses what nwaku refuses and what cannot be a hash', () => {
    const topics = Array.from({ length: 11 }, (_, index) => `/waku/1/0x0000000${index}/rfc26`);
    expect(rejection({ pubsubTopic: PUBSUB_TOPIC, contentTopics: topics })).toBe(
      '11 content topics, at most 10',
    );
    expect(rejection({ pubsubTopic: PUBSUB_TOPIC, contentTopics: [''] })).toBe('a content topic is empty');
    expect(rejection({ pubsubTopic: '', contentTopics: [CONTENT_TOPIC] })).toBe('pubsub_topic is empty');
    expect(rejection({ timeStart: 20n, timeEnd: 10n })).toBe('time_start is after time_end');
    expect(rejection({ messageHashes: [new Uint8Array(31)] })).toBe('message hashes must be 32 bytes');
    expect(rejection({ paginationCursor: new Uint8Array(33) })).toMatch('pagination_cursor must be');
  });

  it('turns bytes that are no StoreQueryRequest into a rejection without a request id', () => {
    // Field 1 (request_id) claims 100 bytes and brings 2.
    const parsed = parseStoreRequest(Uint8Array.from([0x0a, 100, 1, 2]));
    expect(parsed).toEqual({
      ok: false,
      error: { requestId: '', description: expect.stringMatching(/^malformed StoreQueryRequest: /) },
    });
  });
});
