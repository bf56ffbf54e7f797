// direct.received: a Waku message on one of our bots' 1:1 topics, forwarded by the indexer untouched. Opened
// with the bot's key layer by layer (transport → bundles → our entry → session → MVDS → AMMs); the session
// advanced, the peer's bundle, the messages, acknowledgements and contact state are written in one
// transaction with their events, and every MVDS message is acknowledged back. A community key exchange goes
// to the member-keys intake. A refusal is counted by reason and fails the job; nothing stored changes.
// SG protocol/common/message_sender.go handleMessage, encryption/protocol.go HandleMessage; one-to-one.md §2.7.
import type { Job } from 'bullmq';
import { z } from 'zod';
import { prismaSql } from '@status-communities/db';
import type { Prisma } from '@status-communities/db';
import { err, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import {
  decryptFromPeer,
  encodeMvdsPayload,
  keyExchangeOfEntry,
  unwrapDirectPlaintext,
} from '@status-communities/protocol';
import type {
  BotMessageCommand,
  DomainEvent,
  JobData,
  OutboxRow,
  QueueName,
} from '@status-communities/queue';
import {
  OutboundWakuMessageSchema,
  PermanentJobError,
  announceRoutesChanged,
  enqueueOutbound,
} from '@status-communities/queue';
import type { MemberKeysOutcome } from '../bots/member-keys/handler.js';
import { handleMemberKeys } from '../bots/member-keys/handler.js';
import type { OpenedBot } from './bot.js';
import { botBundle, openBot } from './bot.js';
import { readContact, theirSignals, writeContact } from './contacts.js';
import type { DirectContext } from './context.js';
import type { InboundMessage } from './inbound-messages.js';
import { readInboundMessage } from './inbound-messages.js';
import type { Opened } from './open-transport.js';
import { openTransport } from './open-transport.js';
import { peerInstallations, storePeerBundle } from './peer-bundles.js';
import { directOutbound, saveSessions, withSessionRetries } from './persist.js';
import type { DirectRefusal } from './refusals.js';
import { directRefusal, refusalOf } from './refusals.js';
import { mergeSessions, negotiatedTopicWith, sealForPeer } from './seal.js';

export type DirectReceivedCommand = Extract<BotMessageCommand, { type: 'direct.received' }>;
type BotJob = Job<JobData<typeof QueueName.BOT_MESSAGES>, unknown, string>;

const ReceivedOutcomeSchema = z.object({
  peerKey: z.string(),
  /** Messages stored now (a re-sent one stored before is not counted). */
  stored: z.number().int(),
  /** Our messages the peer acknowledged with this one. */
  acknowledged: z.number().int(),
});
export type DirectReceivedOutcome = z.infer<typeof ReceivedOutcomeSchema>;

/** Kept in the job's progress once written: a retry queues the same acknowledgement instead of decrypting again. */
const DoneSchema = z.object({ outcome: ReceivedOutcomeSchema, outbound: z.array(OutboundWakuMessageSchema) });
type Done = z.infer<typeof DoneSchema>;

interface Received {
  readonly outcome: DirectReceivedOutcome;
  readonly outbound: Done['outbound'];
  readonly outboxRow: OutboxRow | undefined;
  /** A negotiated topic with this peer was recorded now: the indexer must learn it. */
  readonly newTopic: boolean;
}

const sentAtOf = (command: DirectReceivedCommand): Date =>
  new Date(
    command.message.timestamp
      ? Number(BigInt(command.message.timestamp) / 1_000_000n)
      : command.message.receivedAt,
  );

/** Decrypts, reads, acknowledges and stores one 1:1 message of a peer. */
const receive = async (
  context: DirectContext,
  bot: OpenedBot,
  command: DirectReceivedCommand,
  opened: Opened,
): Promise<Result<Received, DirectRefusal>> => {
  const { identity } = bot;
  const { peerKey } = opened;
  const nowMs = context.clock();
  const stored = await context.sessions.load(identity.id, peerKey);
  if (!stored.ok) throw stored.error;
  const preKeys = await context.preKeys.all(identity.id);
  if (!preKeys.ok) throw preKeys.error;
  const decrypted = decryptFromPeer({
    ourIdentityPrivateKey: bot.key.reveal(),
    ourSignedPreKeys: preKeys.value,
    theirIdentityKey: opened.sender,
    theirInstallationId: opened.senderInstallationId,
    entry: opened.selected.entry,
    sessions: stored.value.map((s) => s.session),
  });
  if (!decrypted.ok) return err(refusalOf(decrypted.error));
  const unwrapped = unwrapDirectPlaintext(decrypted.value.plaintext, opened.sender);
  if (!unwrapped.ok) return err(refusalOf(unwrapped.error));
  const { datasync, messages } = unwrapped.value;
  const inbound: { message: InboundMessage; mvdsId?: Uint8Array }[] = [];
  for (const [index, amm] of messages.entries()) {
    const read = readInboundMessage(amm);
    if (!read.ok) return err(refusalOf(read.error));
    const mvdsId = datasync.kind === 'mvds' ? datasync.messages[index]?.id : undefined;
    inbound.push({ message: read.value, ...(mvdsId && { mvdsId }) });
  }

  let working = stored.value.map((s) => s.session);
  if (decrypted.value.session) working = mergeSessions(working, [decrypted.value.session]);
  // Every installation of the peer seen so far, the sender's with the bundle it just sent: the ack goes to all.
  const installations = await peerInstallations(context.prisma, peerKey, opened.bundle);
  const ackIds = datasync.kind === 'mvds' ? datasync.messages.map((m) => m.id) : [];
  let outbound: Done['outbound'] = [];
  if (ackIds.length > 0) {
    const bundle = await botBundle(context, bot, nowMs);
    if (!bundle.ok) throw bundle.error;
    const sealed = sealForPeer({
      ourIdentityPrivateKey: bot.key.reveal(),
      ourInstallationId: identity.installationId,
      bundle: bundle.value,
      peerKey,
      theirInstallations: installations,
      ourSignedPreKeys: preKeys.value,
      stored: stored.value,
      working,
      plaintext: encodeMvdsPayload({ acks: ackIds }),
    });
    if (!sealed.ok) throw sealed.error;
    working = [...sealed.value.working];
    outbound = directOutbound(sealed.value, nowMs, command.correlationId);
  }
  // The peer negotiates a shared-secret topic with us once its installation says protocol_version ≥ 1:
  // routed to us from now on (status-go loads the negotiated filter then).
  const negotiates = installations.some(
    (i) => i.installationId === opened.senderInstallationId && i.protocolVersion >= 1,
  );
  const negotiatedTopic = negotiates ? negotiatedTopicWith(bot.key.reveal(), peerKey) : undefined;

  const sentAt = sentAtOf(command);
  const result = await context.prisma.$transaction(async (tx) => {
    await saveSessions(context, tx, identity.id, peerKey, stored.value, working);
    if (opened.bundle) await storePeerBundle(tx, peerKey, opened.bundle);
    const newTopic = negotiatedTopic?.ok
      ? (
          await tx.directTopic.createMany({
            data: [{ contentTopic: negotiatedTopic.value.contentTopic, identityId: identity.id, peerKey }],
            skipDuplicates: true,
          })
        ).count > 0
      : false;
    const base = {
      tenantId: identity.tenantId,
      botKey: identity.publicKey,
      peerKey,
      occurredAt: nowMs,
      correlationId: command.correlationId,
    };
    const events: DomainEvent[] = [];
    let acknowledged = 0;
    if (datasync.kind === 'mvds' && datasync.acks.length > 0) {
      const acked = await tx.directMessage.findMany({
        where: {
          identityId: identity.id,
          peerKey,
          direction: 'OUTBOUND',
          acknowledgedAt: null,
          mvdsId: { in: datasync.acks.map((id) => new Uint8Array(id)) },
        },
        select: { id: true },
      });
      await tx.directMessage.updateMany({
        where: { id: { in: acked.map((row) => row.id) } },
        data: { acknowledgedAt: new Date(nowMs), nextSendAt: null },
      });
      acknowledged = acked.length;
      for (const row of acked)
        events.push({ type: 'direct.message_acknowledged', ...base, messageId: row.id });
    }
    let contact = await readContact(tx, identity.id, peerKey);
    let storedCount = 0;
    for (const { message, mvdsId } of inbound) {
      const { count } = await tx.directMessage.createMany({
        data: [
          {
            id: message.id,
            identityId: identity.id,
            tenantId: identity.tenantId,
            peerKey,
            direction: 'INBOUND',
            kind: message.kind,
            contentType: message.contentType,
            text: message.text ?? null,
            replyTo: message.replyTo ?? null,
            clock: BigInt(message.clock),
            sentAt,
            mvdsId: mvdsId ? new Uint8Array(mvdsId) : null,
          } satisfies Prisma.DirectMessageCreateManyInput,
        ],
        skipDuplicates: true,
      });
      if (count === 0) continue;
      storedCount += 1;
      // A contact state with an impossible clock moves nothing; the message itself is still one.
      const moved = theirSignals(contact, message.contact, message.id);
      if (moved.ok) contact = moved.value;
      const ref = { ...base, messageId: message.id, clock: String(message.clock) };
      if (message.kind === 'CONTACT_REQUEST')
        events.push({
          type: 'direct.contact_request_received',
          ...ref,
          ...(message.text && { text: message.text }),
        });
      else if (message.kind !== 'CONTACT_ACCEPTED')
        events.push({
          type: 'direct.message_received',
          ...ref,
          kind: message.kind,
          ...(message.text !== undefined && { text: message.text }),
          ...(message.replyTo && { replyTo: message.replyTo }),
        });
    }
    if (storedCount > 0) await writeContact(tx, identity.id, peerKey, contact);
    const outboxRow = await context.outbox.write(prismaSql(tx), events);
    return { outcome: { peerKey, stored: storedCount, acknowledged }, outboxRow, newTopic };
  });
  return ok({ ...result, outbound });
};

/** A community's key exchange to the bot (HR header on our entry): the member-keys intake takes it. */
const keyExchange = (context: DirectContext, command: DirectReceivedCommand): Promise<MemberKeysOutcome> =>
  handleMemberKeys(context, {
    type: 'member.keys',
    correlationId: command.correlationId,
    actor: command.actor,
    botKey: command.botKey,
    message: command.message,
  });

export const handleDirectReceived = async (
  context: DirectContext,
  command: DirectReceivedCommand,
  job: BotJob,
): Promise<DirectReceivedOutcome | MemberKeysOutcome> => {
  const log = context.logger.child({ correlationId: command.correlationId, botKey: command.botKey });
  const fail = (refused: DirectRefusal): never => {
    context.metrics.directRefused.inc({ reason: refused.reason });
    context.metrics.botMessages.inc({ type: command.type, result: refused.error.code });
    log.info({ reason: refused.reason, code: refused.error.code }, '1:1 message refused');
    throw new PermanentJobError(refused.error.code, `${refused.error.code}: ${refused.error.message}`, {
      ...refused.error.details,
      reason: refused.reason,
    });
  };
  const earlier = DoneSchema.safeParse(job.progress);
  let done: Done;
  if (earlier.success) {
    done = earlier.data;
  } else {
    const bot = await openBot(context, command.botKey);
    if (!bot.ok) return fail(directRefusal('unknown-bot', bot.error.code, bot.error.message));
    let received: Result<Received, DirectRefusal>;
    try {
      const opened = await openTransport(context, bot.value, command);
      if (!opened.ok) return fail(opened.error);
      if ('own' in opened.value) {
        context.metrics.botMessages.inc({ type: command.type, result: 'own-echo' });
        return { peerKey: command.botKey, stored: 0, acknowledged: 0 };
      }
      if (keyExchangeOfEntry(opened.value.message, opened.value.selected.installationId))
        return await keyExchange(context, command);
      const message = opened.value;
      received = await withSessionRetries(() => receive(context, bot.value, command, message));
    } finally {
      bot.value.key.wipe();
    }
    if (!received.ok) return fail(received.error);
    if (received.value.outboxRow) await context.outbox.publish([received.value.outboxRow]);
    // The indexer routes the new negotiated topic to us before the peer, reading our answer, moves to it.
    if (received.value.newTopic) await announceRoutesChanged(context.redis, context.prefix);
    done = { outcome: received.value.outcome, outbound: received.value.outbound };
    await job.updateProgress(done);
  }
  const queued = await enqueueOutbound(context.outboundQueue, done.outbound, `direct-ack-${job.id}`);
  if (!queued.ok) throw queued.error;
  context.metrics.botMessages.inc({ type: command.type, result: 'received' });
  context.metrics.outbound.inc({ kind: 'direct_ack' }, done.outbound.length);
  log.info(
    { peerKey: done.outcome.peerKey, stored: done.outcome.stored, acknowledged: done.outcome.acknowledged },
    '1:1 message received',
  );
  return done.outcome;
};
