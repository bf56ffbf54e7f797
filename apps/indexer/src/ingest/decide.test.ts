import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { generatePrivateKey, symKeyFor } from '@status-communities/crypto';
import { encodeSymmetric } from '@status-communities/crypto';
import { contentTopicForChatId, memberUpdateChatId } from '@status-communities/protocol';
import type { Sent } from '@status-communities/testing';
import { inboundMessage, newKey, TestCommunity } from '@status-communities/testing';
import type { StoredTarget } from '../acceptance/channel.js';
import type { Decision } from '../acceptance/decision.js';
import { inlineDecoder } from '../decode/decoder.js';
import { RouteTable } from '../routing/route-table.js';
import type { CommunityState } from '../state/community-state.js';
import { unknownCommunity } from '../state/community-state.js';
import { OverlayView, decide } from './decide.js';
import { prepareInbound } from './inbound.js';

const owner = newKey();
const admin = newKey();
const alice = newKey();
const bob = newKey();
const viewer = newKey();
const mallory = newKey();
const eve = newKey();

/** The reason of a refusal, or the kind of an accepted fact. */
const verdict = (decision: Decision): string =>
  decision.outcome === 'accept' ? `accept:${decision.fact.kind}` : `${decision.outcome}:${decision.reason}`;

describe('deciding real Status messages against stored state', () => {
  let community: TestCommunity;
  let general: string;
  let routes: RouteTable;
  let stored: CommunityState;

  const decoder = inlineDecoder();
  const view = (targets: readonly StoredTarget[] = []) => new OverlayView(() => stored, targets);
  const decideSent = async (sent: Sent, batchView = view(), nowMs = Date.now()): Promise<string> =>
    verdict(
      batchView.apply(decide(await prepareInbound(sent.inbound, routes, decoder, nowMs), batchView, nowMs)),
    );
  const storeCurrent = () => {
    stored = {
      communityId: community.communityId,
      stored: true,
      clock: community.clock,
      controlNode: undefined,
      model: community.model(),
    };
  };
  const target = (sent: Sent, author = alice): StoredTarget => ({
    messageId: sent.messageId,
    communityId: community.communityId,
    chatId: community.chatId(general),
    channelUuid: general,
    authorKey: author.memberKey,
  });

  beforeEach(() => {
    community = new TestCommunity(owner);
    community.addMember(admin, ['ADMIN']);
    community.addMember(alice);
    community.addMember(bob);
    community.addMember(viewer, [], 'VIEWER');
    community.addMember(eve);
    general = community.addChannel('general');
    community.ban(eve);
    community.description();
    storeCurrent();
    routes = new RouteTable([{ communityId: community.communityId, hosted: false, channelUuids: [general] }]);
  });

  describe('descriptions', () => {
    it('takes the first one from the community key, and refuses one signed by another key', async () => {
      stored = unknownCommunity(community.communityId);
      expect(await decideSent(community.description({ signer: generatePrivateKey() }))).toBe(
        'reject:wrong-signer',
      );
      expect(await decideSent(community.description())).toBe('accept:description');
    });

    it('refuses an older clock, and takes the stored clock again only as a sign of life', async () => {
      const older = community.description({ clock: community.clock - 1_000 });
      const same = community.description({ clock: stored.clock });
      expect(await decideSent(older)).toBe('reject:clock-regression');
      expect(await decideSent(same)).toBe('accept:description-seen');
      expect(await decideSent(community.description())).toBe('accept:description');
    });

    it('takes a hosted community’s own description at its stored clock as seen, though our state is older', async () => {
      // The publisher stored (and rolled up) this clock itself; taking it again would count its changes twice.
      const model = community.model();
      stored = { ...stored, membership: { members: model.members, bannedMembers: model.bannedMembers } };
      community.addMember(mallory);
      expect(await decideSent(community.description({ clock: stored.clock }))).toBe(
        'accept:description-seen',
      );
      // Elsewhere the same clock reading differently is taken: its private parts may open now (late keys).
      const { membership: _hosted, ...watched } = stored;
      stored = watched;
      expect(await decideSent(community.description({ clock: stored.clock }))).toBe('accept:description');
    });

    it("refuses a community's description sent on another community's topic", async () => {
      const other = new TestCommunity(newKey());
      expect(await decideSent(other.description({ onTopicOf: community.communityId }))).toBe(
        'reject:wrong-community',
      );
    });

    it('lets a later message of the batch use what an earlier description granted', async () => {
      const batch = view();
      const before = community.chat(mallory, general, 'not yet');
      community.addMember(mallory);
      const grant = community.description();
      expect(await decideSent(before, batch)).toBe('hold:not-a-member');
      expect(await decideSent(grant, batch)).toBe('accept:description');
      expect(await decideSent(community.chat(mallory, general, 'now'), batch)).toBe('accept:message');
    });
  });

  describe('channel messages', () => {
    it('takes messages from members who can post', async () => {
      expect(await decideSent(community.chat(alice, general, 'hello'))).toBe('accept:message');
      expect(await decideSent(community.chat(owner, general, 'hello from the owner'))).toBe('accept:message');
    });

    it('holds a watched community’s non-members (a newer description may list them), refuses banned members and viewers', async () => {
      expect(await decideSent(community.chat(mallory, general, 'let me in'))).toBe('hold:not-a-member');
      expect(await decideSent(community.chat(eve, general, 'still here'))).toBe('reject:banned');
      expect(await decideSent(community.chat(viewer, general, 'can I?'))).toBe('reject:not-a-poster');
    });

    it('refuses clocks too far ahead of the envelope and channels the description does not have', async () => {
      const atMs = Date.now();
      expect(
        await decideSent(community.chat(alice, general, 'future', { atMs, clock: atMs + 200_000 })),
      ).toBe('reject:invalid-clock');
      expect(await decideSent(community.chat(alice, crypto.randomUUID(), 'where?'))).toBe(
        'reject:unknown-channel',
      );
    });

    it('judges a hosted community by its stored membership, ahead of the published description', async () => {
      const published = community.model();
      const members = new Map(published.members);
      members.set(mallory.memberKey, {
        publicKey: mallory.memberKey,
        roles: [],
        channelRole: 'POSTER',
        lastUpdateClock: 0,
      });
      members.delete(alice.memberKey);
      members.delete(bob.memberKey);
      stored = {
        ...stored,
        membership: {
          members,
          bannedMembers: new Map([...published.bannedMembers, [bob.memberKey, { deleteAllMessages: false }]]),
        },
      };
      // Accepted by the request handler, not in a description yet.
      expect(await decideSent(community.chat(mallory, general, 'first post'))).toBe('accept:message');
      // Left or kicked, and banned, since the last description: refused for good, never held.
      expect(await decideSent(community.chat(alice, general, 'still here?'))).toBe('reject:not-a-member');
      expect(await decideSent(community.chat(bob, general, 'still here?'))).toBe('reject:banned');
      expect(await decideSent(community.chat(newKey(), general, 'who?'))).toBe('reject:not-a-member');
    });

    it('refuses channel messages of a community whose description has not arrived', async () => {
      stored = unknownCommunity(community.communityId);
      expect(await decideSent(community.chat(alice, general, 'early'))).toBe('reject:unknown-community');
    });

    it('counts a message the batch already took as a duplicate', async () => {
      const batch = view();
      const hello = community.chat(alice, general, 'hello');
      expect(await decideSent(hello, batch)).toBe('accept:message');
      expect(await decideSent(hello, batch)).toBe('reject:duplicate');
    });

    it('reports garbage and traffic of unwatched topics', async () => {
      const key = symKeyFor(memberUpdateChatId(community.communityId));
      const topic = contentTopicForChatId(memberUpdateChatId(community.communityId));
      const tooShort = inboundMessage(topic, new Uint8Array([1, 2, 3, 4, 5]), Date.now());
      const garbage = inboundMessage(topic, randomBytes(200), Date.now());
      const signedGarbage = inboundMessage(
        topic,
        encodeSymmetric(new Uint8Array([0xff, 0xff]), key, generatePrivateKey()),
        Date.now(),
      );
      const elsewhere = inboundMessage('/waku/1/0x01020304/rfc26', new Uint8Array([1]), Date.now());
      expect(await decideSent({ inbound: tooShort, messageId: '' })).toBe('reject:malformed-payload');
      expect(await decideSent({ inbound: garbage, messageId: '' })).toBe('reject:decryption-failed');
      expect(await decideSent({ inbound: signedGarbage, messageId: '' })).toBe('reject:malformed-protobuf');
      expect(await decideSent({ inbound: elsewhere, messageId: '' })).toBe('ignore:unrouted');
    });
  });

  describe('edits, deletes, pins and reactions', () => {
    it('takes edits from the author only', async () => {
      const hello = community.chat(alice, general, 'hello');
      const targets = [target(hello)];
      expect(await decideSent(community.edit(alice, general, hello.messageId, 'hello!'), view(targets))).toBe(
        'accept:edit',
      );
      expect(await decideSent(community.edit(bob, general, hello.messageId, 'hijacked'), view(targets))).toBe(
        'reject:not-author',
      );
      expect(
        await decideSent(community.edit(admin, general, hello.messageId, 'moderated'), view(targets)),
      ).toBe('reject:not-author');
      expect(await decideSent(community.edit(alice, general, '0x' + 'ab'.repeat(32), 'what?'))).toBe(
        'reject:unknown-target',
      );
    });

    it('takes deletes from the author or a privileged member', async () => {
      const hello = community.chat(alice, general, 'hello');
      const targets = [target(hello)];
      expect(await decideSent(community.delete(bob, general, hello.messageId), view(targets))).toBe(
        'reject:not-author-or-privileged',
      );
      expect(await decideSent(community.delete(alice, general, hello.messageId), view(targets))).toBe(
        'accept:delete',
      );
      expect(await decideSent(community.delete(admin, general, hello.messageId), view(targets))).toBe(
        'accept:delete',
      );
    });

    it('takes pins from privileged members, or from anyone when the community allows it', async () => {
      const hello = community.chat(alice, general, 'hello');
      const targets = [target(hello)];
      expect(await decideSent(community.pin(alice, general, hello.messageId, true), view(targets))).toBe(
        'reject:pin-not-allowed',
      );
      expect(await decideSent(community.pin(admin, general, hello.messageId, true), view(targets))).toBe(
        'accept:pin',
      );
      community.pinMessageAllMembersEnabled = true;
      community.description();
      storeCurrent();
      expect(await decideSent(community.pin(alice, general, hello.messageId, true), view(targets))).toBe(
        'accept:pin',
      );
    });

    it('takes reactions from posters, and from viewers where viewers may react', async () => {
      const hello = community.chat(alice, general, 'hello');
      const targets = [target(hello)];
      expect(
        await decideSent(community.react(bob, general, hello.messageId, 'THUMBS_UP'), view(targets)),
      ).toBe('accept:reaction');
      expect(await decideSent(community.react(viewer, general, hello.messageId, 'LOVE'), view(targets))).toBe(
        'accept:reaction',
      );
      expect(await decideSent(community.react(mallory, general, hello.messageId, 'SAD'), view(targets))).toBe(
        'hold:not-a-member',
      );
    });

    it('finds a target accepted earlier in the same batch', async () => {
      const batch = view();
      const hello = community.chat(alice, general, 'hello');
      expect(await decideSent(hello, batch)).toBe('accept:message');
      expect(await decideSent(community.edit(alice, general, hello.messageId, 'hello again'), batch)).toBe(
        'accept:edit',
      );
    });
  });
});
