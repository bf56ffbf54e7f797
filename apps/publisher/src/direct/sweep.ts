// The 1:1 sweep, run on a timer by every publisher replica: messages the peer has not acknowledged are sealed
// again (a new ratchet step each time, as MVDS re-sends) when due, with the app's backoff, until
// MVDS_MAX_SEND_COUNT sends; and the bundle of each bot that took part in a 1:1 conversation is advertised on
// its contact-code topic every CONTACT_CODE_PUBLISH_INTERVAL_MS. Replicas sweeping at once send each re-send
// once: the row moves only from the send count read, and an advertisement is claimed in Redis for its interval.
// SG protocol/datasync/transport.go, vendor mvds/node/node.go; messenger.go publishContactCode.
import { encodeSymmetric, hexToBytesOrThrow } from '@status-communities/crypto';
import type { DirectMessage } from '@status-communities/db';
import { ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import { encodeProto, status } from '@status-communities/proto';
import {
  CONTACT_CODE_PUBLISH_INTERVAL_MS,
  DIRECT_MESSAGE_PUBSUB_TOPIC,
  contactCodeTopic,
  wrapApplicationMessage,
} from '@status-communities/protocol';
import type { OutboundWakuMessage } from '@status-communities/queue';
import { RetryLaterError, enqueueOutbound, toOutboundMessages } from '@status-communities/queue';
import type { OpenedBot } from './bot.js';
import { botBundle, openBot } from './bot.js';
import type { DirectContext } from './context.js';
import { loadConversation, sealInput } from './conversation.js';
import { directOutbound, saveSessions } from './persist.js';
import { sealForPeer } from './seal.js';
import { mvdsEnvelope, nextSendAt } from './send.js';

const AppType = status.ApplicationMetadataMessage.Type;

/** Rows re-sent per sweep; the rest wait for the next one. */
const RESEND_BATCH = 100;

export interface DirectSweepReport {
  readonly resent: number;
  readonly advertised: number;
}

/** One due message sealed again; undefined when another replica re-sent it first. */
const resealDue = async (
  context: DirectContext,
  bot: OpenedBot,
  row: DirectMessage,
  nowMs: number,
): Promise<Result<OutboundWakuMessage[] | undefined>> => {
  const conversation = await loadConversation(context, bot, row.peerKey, nowMs);
  if (!conversation.ok) return conversation;
  const mvds = mvdsEnvelope(bot.identity.publicKey, row.peerKey, row.body!, row.sentAt.getTime());
  if (!mvds.ok) return mvds;
  const sealed = sealForPeer(sealInput(bot, row.peerKey, conversation.value, mvds.value.plaintext));
  if (!sealed.ok) return sealed;
  try {
    await context.prisma.$transaction(async (tx) => {
      const { count } = await tx.directMessage.updateMany({
        where: { id: row.id, sendCount: row.sendCount, acknowledgedAt: null },
        data: { sendCount: row.sendCount + 1, nextSendAt: nextSendAt(row.sendCount + 1, nowMs) },
      });
      if (count === 0) throw new RetryLaterError('re-sent or acknowledged meanwhile');
      await saveSessions(
        context,
        tx,
        bot.identity.id,
        row.peerKey,
        conversation.value.stored,
        sealed.value.working,
      );
    });
  } catch (error) {
    // Another replica took the row or advanced the session: the next sweep sees the row as it is then.
    if (error instanceof RetryLaterError) return ok(undefined);
    throw error;
  }
  return ok(directOutbound(sealed.value, nowMs, `direct-resend-${row.id}`));
};

const resendDue = async (context: DirectContext, nowMs: number): Promise<number> => {
  const due = await context.prisma.directMessage.findMany({
    where: {
      direction: 'OUTBOUND',
      acknowledgedAt: null,
      nextSendAt: { lte: new Date(nowMs) },
      body: { not: null },
    },
    orderBy: { nextSendAt: 'asc' },
    take: RESEND_BATCH,
  });
  let resent = 0;
  for (const row of due) {
    const identity = await context.prisma.identity.findUnique({ where: { id: row.identityId } });
    if (!identity) continue;
    const bot = await openBot(context, identity.publicKey);
    if (!bot.ok) throw bot.error;
    try {
      const outbound = await resealDue(context, bot.value, row, nowMs);
      if (!outbound.ok) throw outbound.error;
      if (!outbound.value) continue;
      const queued = await enqueueOutbound(
        context.outboundQueue,
        outbound.value,
        `direct-resend-${row.id}-${row.sendCount + 1}`,
      );
      if (!queued.ok) throw queued.error;
      resent += 1;
    } catch (error) {
      // One message that cannot be sealed (its peer's stored state broken) does not hold back the others.
      context.logger.error({ err: error, messageId: row.id }, '1:1 re-send failed');
    } finally {
      bot.value.key.wipe();
    }
  }
  context.metrics.directResent.inc({ kind: 'resend' }, resent);
  return resent;
};

/** The bot's bundle as a public CONTACT_CODE_ADVERTISEMENT on its contact-code topic (AES-GCM, signed). */
const contactCodeMessage = async (
  context: DirectContext,
  bot: OpenedBot,
  nowMs: number,
): Promise<Result<OutboundWakuMessage[]>> => {
  const topic = contactCodeTopic(hexToBytesOrThrow(bot.identity.publicKey));
  if (!topic.ok) return topic;
  const bundle = await botBundle(context, bot, nowMs);
  if (!bundle.ok) return bundle;
  const amm = wrapApplicationMessage(AppType.CONTACT_CODE_ADVERTISEMENT, new Uint8Array(0), bot.key.reveal());
  const protocolMessage = encodeProto(
    status.encryption.ProtocolMessage,
    status.encryption.ProtocolMessage.create({
      installationId: bot.identity.installationId,
      bundles: [bundle.value],
      publicMessage: amm,
    }),
  );
  const payload = encodeSymmetric(protocolMessage, topic.value.symKey!, bot.key.reveal());
  return ok(
    toOutboundMessages(
      [{ pubsubTopic: DIRECT_MESSAGE_PUBSUB_TOPIC, contentTopic: topic.value.contentTopic, payload }],
      nowMs,
      `contact-code-${bot.identity.id}`,
    ),
  );
};

const advertiseBundles = async (context: DirectContext, nowMs: number): Promise<number> => {
  // Bots that took part in a 1:1 conversation (they have a signed pre-key): a bot that never did is left out
  // of 1:1 traffic altogether, and its peers' first messages, DH under "none", reach it all the same.
  const identities = await context.prisma.identity.findMany({
    where: { directPreKeys: { some: {} } },
    select: { id: true, publicKey: true },
  });
  let advertised = 0;
  for (const identity of identities) {
    const claim = `${context.prefix}:direct:contact-code:${identity.id}`;
    const claimed = await context.redis.set(
      claim,
      String(nowMs),
      'PX',
      CONTACT_CODE_PUBLISH_INTERVAL_MS,
      'NX',
    );
    if (claimed !== 'OK') continue;
    const bot = await openBot(context, identity.publicKey);
    if (!bot.ok) throw bot.error;
    try {
      const outbound = await contactCodeMessage(context, bot.value, nowMs);
      if (!outbound.ok) throw outbound.error;
      const queued = await enqueueOutbound(
        context.outboundQueue,
        outbound.value,
        `contact-code-${identity.id}-${nowMs}`,
      );
      if (!queued.ok) throw queued.error;
      advertised += 1;
    } catch (error) {
      // Not advertised: the next sweep tries again instead of waiting out the interval.
      await context.redis.del(claim);
      throw error;
    } finally {
      bot.value.key.wipe();
    }
  }
  context.metrics.directResent.inc({ kind: 'contact_code' }, advertised);
  return advertised;
};

export const sweepDirect = async (context: DirectContext): Promise<DirectSweepReport> => {
  const nowMs = context.clock();
  return { resent: await resendDue(context, nowMs), advertised: await advertiseBundles(context, nowMs) };
};
