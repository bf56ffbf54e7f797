// Plumbing of the test kit's 1:1 peer, against itself only: its formats are libs/protocol's, pinned there by
// the reference vectors.
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@status-communities/errors';
import { status, uint64ToBigInt } from '@status-communities/proto';
import { ContactRequestState } from '@status-communities/protocol';
import { DirectPeer } from './direct-peer.js';
import type { DirectSent } from './direct-peer.js';

const wire = (sent: DirectSent) => ({ ...sent, payload: Buffer.from(sent.payload).toString('base64') });

describe('DirectPeer', () => {
  it('starts with X3DH on a bundle read from the contact-code topic, and moves to the negotiated topic once answered', () => {
    const app = new DirectPeer('App user');
    const bot = new DirectPeer('Helper bot');
    expect(app.readContactCode(bot.publicKey, [wire(bot.advertiseBundle())])).toBe(true);

    const request = app.contactRequest(bot.publicKey, 'add me');
    expect(request.contentTopic).toBe(bot.partitionedContentTopic);
    const [got] = bot.read([wire(request)]).received;
    expect(got?.from).toBe(app.peerKey);
    expect(got?.chats[0]?.contentType).toBe(status.ChatMessage.ContentType.CONTACT_REQUEST);
    expect(got?.messages[0]?.messageId).toBe(request.messageId);

    // The bot's answer carries its bundle (protocol_version 1) and acks the request: both move to the
    // negotiated topic, as the app does after one message from such an installation.
    const accept = bot.acceptContactRequest(app.publicKey, request.messageId!);
    const ack = bot.ack(app.publicKey, got!.toAck);
    const read = app.read([wire(accept), wire(ack)]);
    expect(read.refused).toEqual([]);
    expect(read.received[1]?.acks).toEqual([request.mvdsId]);
    const next = app.send(bot.publicKey, 'hello');
    expect(next.contentTopic).not.toBe(bot.partitionedContentTopic);
    expect(bot.contentTopics).toContain(next.contentTopic);
    expect(bot.read([wire(next)]).received[0]?.chats[0]?.text).toBe('hello');
    // Once mutual, every chat message carries our contact state (the app's propagated state).
    expect(app.theyAddedUs(bot.publicKey)).toBe(true);
    expect(bot.theyAddedUs(app.publicKey)).toBe(true);
    const state = bot.read([wire(app.send(bot.publicKey, 'again'))]).received[0]?.chats[0]
      ?.contactRequestPropagatedState;
    expect([uint64ToBigInt(state?.localState), uint64ToBigInt(state?.remoteState)]).toEqual([
      BigInt(ContactRequestState.SENT),
      BigInt(ContactRequestState.RECEIVED),
    ]);
    // Both directions share the negotiated topic: our own messages on it are not read back.
    expect(app.read([wire(next)])).toEqual({ received: [], refused: [] });
  });

  it('reads messages dropped and re-ordered (skipped keys) and refuses a replayed ratchet message', () => {
    const app = new DirectPeer('App user', 0);
    const bot = new DirectPeer('Helper bot', 0);
    app.learnBundle(bot.bundle());
    const first = app.send(bot.publicKey, 'first');
    bot.read([wire(first)]);
    const sent = Array.from({ length: 6 }, (_, index) => app.send(bot.publicKey, `message ${index}`));
    // Message 2 is lost; the rest arrive backwards.
    const delivered = sent.filter((_, index) => index !== 2).reverse();
    const read = bot.read(delivered.map(wire));
    expect(read.refused).toEqual([]);
    expect(read.received.map((r) => r.chats[0]?.text)).toEqual([
      'message 5',
      'message 4',
      'message 3',
      'message 1',
      'message 0',
    ]);
    // Without negotiation (protocol_version 0) everything stays on the partitioned topic.
    expect(sent.every((s) => s.contentTopic === bot.partitionedContentTopic)).toBe(true);
    const replay = bot.read([wire(sent[4]!)]);
    expect(replay.received).toEqual([]);
    expect(replay.refused).toHaveLength(1);
    expect(replay.refused[0]).not.toBe(ErrorCode.UNSIGNED_ENVELOPE);
    expect(bot.read([wire(sent[2]!)]).received[0]?.chats[0]?.text).toBe('message 2');
  });

  it('sends DH "none" to a peer whose bundle it does not have', () => {
    const app = new DirectPeer('App user');
    const bot = new DirectPeer('Helper bot');
    const bare = app.send(bot.publicKey, 'no bundle yet', { bare: true });
    expect(bare.mvdsId).toBeUndefined();
    const [got] = bot.read([wire(bare)]).received;
    expect(got?.toAck).toEqual([]);
    expect(got?.chats[0]?.text).toBe('no bundle yet');
  });

  it('sends again what is not acknowledged, on the MVDS schedule, a new ratchet step with the same MVDS id', () => {
    const app = new DirectPeer('App user');
    const bot = new DirectPeer('Helper bot');
    app.learnBundle(bot.bundle());
    const t = Date.now();
    const lost = app.send(bot.publicKey, 'lost on the way', { nowMs: t });
    const arrived = app.send(bot.publicKey, 'arrived', { nowMs: t });
    const [got] = bot.read([wire(arrived)]).received;
    app.read([wire(bot.ack(app.publicKey, got!.toAck))]);
    expect(app.unacknowledgedIds).toEqual([lost.messageId]);

    // The app's first re-send is due 90 epochs (27 s) after the send.
    expect(app.resendDue(t + 26_999)).toEqual([]);
    const [copy, ...more] = app.resendDue(t + 27_000);
    expect(more).toEqual([]);
    expect(copy).toMatchObject({ messageId: lost.messageId, mvdsId: lost.mvdsId });
    expect(copy!.payload).not.toEqual(lost.payload);
    expect(app.resendDue(t + 27_001)).toEqual([]);
    const [again] = bot.read([wire(copy!)]).received;
    expect(again?.chats[0]?.text).toBe('lost on the way');
    app.read([wire(bot.ack(app.publicKey, again!.toAck))]);
    expect(app.unacknowledgedIds).toEqual([]);
  });

  it('is a second device of an identity with newInstallation: the same key, its own installation', () => {
    const phone = new DirectPeer('App user');
    const laptop = phone.newInstallation();
    expect(laptop.peerKey).toBe(phone.peerKey);
    expect(laptop.installationId).not.toBe(phone.installationId);
    const bot = new DirectPeer('Helper bot');
    laptop.learnBundle(bot.bundle());
    const [got] = bot.read([wire(laptop.send(bot.publicKey, 'from the laptop'))]).received;
    expect(got?.from).toBe(phone.peerKey);
    expect(got?.chats[0]?.text).toBe('from the laptop');
  });
});
