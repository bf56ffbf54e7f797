import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  bytesToPrefixedHex,
  decompressPublicKey,
  eciesEncrypt,
  generatePrivateKey,
  hexToBytesOrThrow,
  publicKeyFromPrivateKey,
} from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import {
  MAX_PENDING_REQUESTS_TO_JOIN,
  REQUEST_TO_JOIN_TIMEOUT_SECONDS,
  contentTopicForChatId,
  controlNodeRequestsChatId,
  encodeStatusMessage,
  requestClockSeconds,
} from '@status-communities/protocol';
import type { CreatedCommunity } from '@status-communities/publisher/testing';
import { createCommunity } from '@status-communities/publisher/testing';
import type { InboundWakuMessage } from '@status-communities/queue';
import { asInbound, REQUESTS_PUBSUB_TOPIC, StatusMember } from '@status-communities/testing';
import type { Harness } from './harness.js';
import { createRequestHarness, outcomeOf } from './harness.js';

/** What a refusal must leave alone. */
interface Snapshot {
  readonly clock: bigint;
  readonly members: number;
  readonly requests: number;
  readonly memberEvents: number;
  readonly events: number;
  readonly outbound: number;
}

describe('request handler: bad input and faults are refused with a reason, and nothing changes', () => {
  let h: Harness;
  let community: CreatedCommunity;

  const snapshot = async (communityId = community.communityId): Promise<Snapshot> => ({
    clock: (await h.p.prisma.community.findUniqueOrThrow({ where: { id: communityId } })).clock,
    members: await h.p.prisma.member.count({ where: { communityId } }),
    requests: await h.p.prisma.requestToJoin.count({ where: { communityId } }),
    memberEvents: await h.p.prisma.memberEvent.count({ where: { communityId } }),
    events: (await h.events()).length,
    outbound: await h.p.outbound.getWaitingCount(),
  });

  /** Runs the request and checks it was refused with this code and reason, counted, audited, and changed nothing. */
  const expectRefused = async (
    message: InboundWakuMessage,
    code: string,
    reason: string,
    communityId = community.communityId,
  ): Promise<void> => {
    const before = await snapshot();
    const counted = await h.counter('request_handler_refused_total', { code, reason });
    const job = await h.inbound(communityId, message);
    expect(outcomeOf(job)).toEqual({ outcome: 'refused', code, reason });
    expect(job.failedReason).toBeUndefined();
    expect(await h.counter('request_handler_refused_total', { code, reason })).toBe(counted + 1);
    await h.settle();
    expect(await snapshot()).toEqual(before);
    const audit = await h.p.prisma.auditLogEntry.findFirst({ orderBy: { id: 'desc' } });
    expect(audit).toMatchObject({ result: 'FAILURE', errorCode: code, communityId });
    expect(audit?.input).toMatchObject({ reason });
  };

  /** A request message whose inner bytes we choose, sealed to `recipient` (the community by default). */
  const sealed = (
    sender: StatusMember,
    type: status.ApplicationMetadataMessage.Type,
    payload: Uint8Array,
    recipient = community.communityId,
  ): InboundWakuMessage => {
    const key = unwrap(decompressPublicKey(hexToBytesOrThrow(recipient)));
    const encoded = unwrap(
      encodeStatusMessage({
        type,
        payload,
        signerPriv: sender.privateKey,
        envelope: { recipientPublicKey: key },
      }),
    );
    const topic = contentTopicForChatId(unwrap(controlNodeRequestsChatId(key)));
    return asInbound(REQUESTS_PUBSUB_TOPIC, topic, encoded.payloads[0] ?? new Uint8Array());
  };

  beforeAll(async () => {
    h = await createRequestHarness('rejections');
    await h.startHandler();
    community = await createCommunity(h.p, 'Strict');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a community that is not hosted here', async () => {
    const elsewhere = bytesToPrefixedHex(publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true }));
    const member = new StatusMember('lost');
    const job = await h.inbound(elsewhere, member.requestToJoin(elsewhere));
    expect(outcomeOf(job)).toEqual({ outcome: 'refused', code: 'NOT_FOUND', reason: 'unknown-community' });
    expect(await h.p.prisma.requestToJoin.count()).toBe(0);
  });

  it('a message sealed to another key', async () => {
    const other = bytesToPrefixedHex(publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true }));
    const member = new StatusMember('misdirected');
    const message = member.requestToJoin(other);
    await expectRefused(message, 'DECRYPTION_FAILED', 'decryption_failed');
  });

  it('bytes that are not a Waku payload at all', async () => {
    const topic = contentTopicForChatId(
      unwrap(
        controlNodeRequestsChatId(unwrap(decompressPublicKey(hexToBytesOrThrow(community.communityId)))),
      ),
    );
    await expectRefused(
      // No 0x04 ephemeral-key prefix: not an ECIES message (one with it fails its MAC: DECRYPTION_FAILED).
      asInbound(REQUESTS_PUBSUB_TOPIC, topic, Buffer.concat([Buffer.from([0]), randomBytes(299)])),
      'MALFORMED_PAYLOAD',
      'malformed_payload',
    );
  });

  it('an envelope without a signature', async () => {
    const member = new StatusMember('anonymous');
    const plain = sealed(member, 27, new Uint8Array([8, 1]));
    const key = unwrap(decompressPublicKey(hexToBytesOrThrow(community.communityId)));
    // flags 0 (unsigned), size 1 byte, data, padding: the 26/WAKU2-PAYLOAD layout with no signature.
    const body = new Uint8Array(256);
    body.set([0x01, 2, 8, 1]);
    const unsigned = {
      ...plain,
      ...asInbound(plain.pubsubTopic, plain.contentTopic, unwrap(eciesEncrypt(body, key))),
    };
    await expectRefused(unsigned, 'UNSIGNED_ENVELOPE', 'unsigned_envelope');
  });

  it('a request whose signature recovers no key', async () => {
    const member = new StatusMember('forger');
    await expectRefused(
      member.requestToJoin(community.communityId, { corruptSignature: true }),
      'INVALID_SIGNATURE',
      'invalid_signature',
    );
  });

  it('a message that is not a request to the control node', async () => {
    const member = new StatusMember('chatty');
    const chat = encodeProto(
      status.ChatMessage,
      status.ChatMessage.create({ clock: 1, timestamp: 1, text: 'hi' }),
    );
    await expectRefused(sealed(member, 1, chat), 'UNKNOWN_MESSAGE_TYPE', 'not-a-request');
  });

  it('a request without revealed accounts', async () => {
    const member = new StatusMember('hidden');
    await expectRefused(
      member.requestToJoin(community.communityId, { revealed: 'none' }),
      'INVALID_REQUEST_TO_JOIN',
      'no-revealed-accounts',
    );
  });

  it('a revealed account signature that cannot be read', async () => {
    const member = new StatusMember('garbled');
    const request = status.CommunityRequestToJoin.create({
      clock: requestClockSeconds(Date.now()),
      communityId: hexToBytesOrThrow(community.communityId),
      revealedAccounts: [{ address: '0x' + '11'.repeat(20), signature: new Uint8Array(65) }],
    });
    await expectRefused(
      sealed(member, 27, encodeProto(status.CommunityRequestToJoin, request)),
      'INVALID_REQUEST_TO_JOIN',
      'unreadable-revealed-account-signature',
    );
  });

  it('a request naming another community', async () => {
    const member = new StatusMember('confused');
    const other = bytesToPrefixedHex(publicKeyFromPrivateKey(generatePrivateKey(), { compressed: true }));
    const request = status.CommunityRequestToJoin.create({
      clock: requestClockSeconds(Date.now()),
      communityId: hexToBytesOrThrow(other),
    });
    await expectRefused(
      sealed(member, 27, encodeProto(status.CommunityRequestToJoin, request)),
      'INVALID_REQUEST_TO_JOIN',
      'wrong-community',
    );
  });

  it('an expired request (older than 7 days)', async () => {
    const member = new StatusMember('late');
    const clockSeconds = requestClockSeconds(Date.now()) - REQUEST_TO_JOIN_TIMEOUT_SECONDS - 60;
    await expectRefused(
      member.requestToJoin(community.communityId, { clockSeconds }),
      'INVALID_CLOCK',
      'expired',
    );
  });

  it('a replayed request (older than the one already handled)', async () => {
    const member = new StatusMember('replayer');
    const now = requestClockSeconds(Date.now());
    const job = await h.inbound(
      community.communityId,
      member.requestToJoin(community.communityId, { clockSeconds: now }),
    );
    expect(outcomeOf(job).outcome).toBe('accepted');
    await h.settle();
    await h.p.takeOutbound();
    await expectRefused(
      member.requestToJoin(community.communityId, { clockSeconds: now - 5 }),
      'INVALID_CLOCK',
      'replayed',
    );
  });

  it('a cancel or leave without a request to join', async () => {
    const member = new StatusMember('stranger');
    await expectRefused(
      member.requestToLeave(community.communityId),
      'INVALID_REQUEST_TO_JOIN',
      'no-request-to-join',
    );
    await expectRefused(
      member.cancelRequest(community.communityId, Date.now()),
      'INVALID_REQUEST_TO_JOIN',
      'no-request-to-join',
    );
  });

  it('a banned key', async () => {
    const member = new StatusMember('banned');
    const ban = await h.submit({
      type: 'member.ban',
      actor: 'api-key-moderator',
      correlationId: randomUUID(),
      communityId: community.communityId,
      memberKey: member.memberKey,
      deleteAllMessages: false,
    });
    expect(outcomeOf(ban).outcome).toBe('banned');
    await h.settle();
    await h.p.takeOutbound();
    await expectRefused(member.requestToJoin(community.communityId), 'FORBIDDEN', 'banned');
  });

  it('an ENS-only community and a request without an ENS name', async () => {
    const ensOnly = await createCommunity(h.p, 'ENS only');
    await h.p.command({
      type: 'community.update',
      actor: 'api-key-owner',
      correlationId: randomUUID(),
      communityId: ensOnly.communityId,
      permissions: { ensOnly: true },
    });
    await h.settle();
    await h.p.waitForOutbound(2);
    const member = new StatusMember('nameless');
    await expectRefused(
      member.requestToJoin(ensOnly.communityId),
      'INVALID_REQUEST_TO_JOIN',
      'ens-name-required',
      ensOnly.communityId,
    );
  });

  it(`past ${MAX_PENDING_REQUESTS_TO_JOIN} pending requests`, async () => {
    const busy = await createCommunity(h.p, 'Busy');
    await h.p.command({
      type: 'community.update',
      actor: 'api-key-owner',
      correlationId: randomUUID(),
      communityId: busy.communityId,
      permissions: { access: 'MANUAL_ACCEPT' },
    });
    await h.settle();
    await h.p.waitForOutbound(2);
    await h.p.prisma.requestToJoin.createMany({
      data: Array.from({ length: MAX_PENDING_REQUESTS_TO_JOIN }, (_, index) => ({
        id: `0x${index.toString(16).padStart(64, '0')}`,
        communityId: busy.communityId,
        requesterKey: new StatusMember(`waiting ${index}`).memberKey,
        clock: requestClockSeconds(Date.now()),
      })),
    });
    const member = new StatusMember('one too many');
    await expectRefused(
      member.requestToJoin(busy.communityId),
      'INVALID_REQUEST_TO_JOIN',
      'too-many-pending',
      busy.communityId,
    );
  });

  it('a revealed wallet that did not sign is declined (status-go answers accepted=false)', async () => {
    const member = new StatusMember('impostor');
    const before = await snapshot();
    const job = await h.inbound(
      community.communityId,
      member.requestToJoin(community.communityId, { revealed: 'mismatch' }),
    );
    expect(outcomeOf(job)).toMatchObject({ outcome: 'declined', reason: 'revealed-account-mismatch' });
    await h.settle();
    const out = await h.p.takeOutbound();
    expect(member.responses(out).map((answer) => answer.response.accepted)).toEqual([false]);
    expect((await snapshot()).clock).toBe(before.clock);
    expect(await h.p.prisma.member.count({ where: { memberKey: member.memberKey } })).toBe(0);
    // A declined request sticks for 7 days: asking again at once is refused.
    await expectRefused(
      member.requestToJoin(community.communityId, { clockSeconds: requestClockSeconds(Date.now()) + 1 }),
      'FORBIDDEN',
      'declined-recently',
    );
  });

  it('a decision on a request that does not exist fails the command without retries', async () => {
    const job = await h.submit({
      type: 'request.decide',
      actor: 'api-key-admin',
      correlationId: randomUUID(),
      communityId: community.communityId,
      requestId: `0x${'ab'.repeat(32)}`,
      decision: 'accept',
    });
    expect(job.failedReason).toMatch(/no such request/);
    expect(job.attemptsMade).toBe(1);
  });
});
