// The member side of key intake (issue #13): a message the indexer forwarded because it names one of our
// bots (a description's rekey entry, or the bot's partitioned topic) is opened here with the bot's private
// key, which only the publisher holds, and the keys it gives are stored in the GroupKeyStore like a hosted
// community's — so the indexer reads that community's descriptions and messages with them, and the bot posts
// with group-encryption.ts. A refusal is counted by reason and fails the job; nothing stored changes.
import { bytesToHex, decompressPublicKey, hexToBytes, keyIdOf } from '@status-communities/crypto';
import { ErrorCode, err, ok } from '@status-communities/errors';
import type { Result } from '@status-communities/errors';
import type { GroupKeyStore } from '@status-communities/keyring';
import { decryptCommunityDescription, indexHashRatchetKeys } from '@status-communities/protocol';
import type { BotMessageCommand } from '@status-communities/queue';
import { PermanentJobError, base64ToBytes, enqueue } from '@status-communities/queue';
import type { PublisherContext } from '../../context.js';
import type { ControlNodeOf, ReceivedKeys } from './read-keys.js';
import { readDescriptionKeys, readDirectKeys } from './read-keys.js';
import type { MemberKeysRefusal } from './refusals.js';
import { refusal } from './refusals.js';

export type MemberKeysCommand = Extract<BotMessageCommand, { type: 'member.keys' }>;

export interface MemberKeysOutcome {
  readonly communityId: string;
  /** Keys not held before. */
  readonly stored: number;
  /** The description carried only keys held already (every publication re-seals the current key). */
  readonly unchanged: boolean;
}

/** The stored control node of each community (a token-owned one may have moved), else its own key. */
const controlNodesOf = async (context: PublisherContext, communityIds: readonly string[]) => {
  const rows = await context.prisma.community.findMany({
    where: { id: { in: [...communityIds] } },
    select: { id: true, controlNodeKey: true },
  });
  const stored = new Map(rows.map((row) => [row.id, row.controlNodeKey]));
  return (communityId: string): Uint8Array | undefined => {
    const key = hexToBytes(stored.get(communityId) ?? communityId);
    if (!key.ok) return undefined;
    const uncompressed = decompressPublicKey(key.value);
    return uncompressed.ok ? uncompressed.value : undefined;
  };
};

/** Opens the message with the bot's key: the keyring entry is wiped whatever happens. */
const readWithBotKey = async (
  context: PublisherContext,
  command: MemberKeysCommand,
  controlNodeOf: ControlNodeOf,
): Promise<Result<ReceivedKeys, MemberKeysRefusal>> => {
  const identity = await context.prisma.identity.findUnique({ where: { publicKey: command.botKey } });
  if (!identity) return err(refusal('not-for-us', ErrorCode.NOT_FOUND, 'no such bot identity'));
  const key = await context.keyring.open(identity.keyId);
  if (!key.ok) throw key.error;
  try {
    const payload = base64ToBytes(command.message.payload);
    if (!command.communityId) return readDirectKeys(key.value.reveal(), controlNodeOf, payload);
    const controlNode = controlNodeOf(command.communityId);
    if (!controlNode) return err(refusal('malformed', ErrorCode.INVALID_KEY, 'the community id is no key'));
    return readDescriptionKeys(key.value.reveal(), command.communityId, controlNode, payload);
  } finally {
    key.value.wipe();
  }
};

/**
 * The checks that need what is stored: the bot asked to join, the description's private parts under these
 * keys open with them, and a 1:1 exchange brings something new. The keys not held yet, or a refusal.
 */
const judge = async (
  context: PublisherContext,
  groupKeys: GroupKeyStore,
  command: MemberKeysCommand,
  received: ReceivedKeys,
): Promise<Result<ReceivedKeys['keys'], MemberKeysRefusal>> => {
  const { communityId } = received;
  const asked = await context.prisma.requestToJoin.count({
    where: { communityId, requesterKey: command.botKey },
  });
  if (asked === 0)
    return err(refusal('not-joined', ErrorCode.FORBIDDEN, 'the bot never asked to join', { communityId }));
  const held = await groupKeys.ofCommunity(communityId);
  if (!held.ok) throw held.error;
  const heldIds = new Set(held.value.map((stored) => bytesToHex(stored.keyId)));
  const fresh = received.keys.filter((key) => !heldIds.has(bytesToHex(keyIdOf(key))));
  if (received.description) {
    const newIds = new Set(received.keys.map((key) => bytesToHex(keyIdOf(key))));
    const lookup = indexHashRatchetKeys([...held.value.map((stored) => stored.key), ...received.keys]);
    // An entry under a key we have that does not open: garbage, or keys that are not the ones used.
    const garbage = decryptCommunityDescription(received.description, lookup).undecrypted.find(
      (entry) =>
        entry.error.code !== ErrorCode.HASH_RATCHET_KEY_NOT_FOUND &&
        (!entry.keyId || newIds.has(bytesToHex(entry.keyId)) || heldIds.has(bytesToHex(entry.keyId))),
    );
    if (garbage)
      return err(
        refusal('garbage-private-data', garbage.error.code, 'a private part does not open with its key', {
          entry: garbage.entry.slice(0, 80),
        }),
      );
  } else if (fresh.length === 0) {
    return err(refusal('replayed', ErrorCode.REPLAYED_MESSAGE, 'every key of the exchange is held already'));
  }
  return ok(fresh);
};

/** The indexer stored a description of the community listing the bot: it read one whole. */
const listed = async (context: PublisherContext, communityId: string, botKey: string): Promise<boolean> =>
  (await context.prisma.member.count({ where: { communityId, memberKey: botKey, state: 'ACTIVE' } })) > 0;

export const handleMemberKeys = async (
  context: PublisherContext,
  command: MemberKeysCommand,
): Promise<MemberKeysOutcome> => {
  const source = command.communityId ? 'description' : 'direct';
  const log = context.logger.child({ correlationId: command.correlationId, botKey: command.botKey, source });
  const refuse = (refused: MemberKeysRefusal): never => {
    context.metrics.memberKeysRefused.inc({ reason: refused.reason });
    context.metrics.botMessages.inc({ type: command.type, result: refused.error.code });
    log.info({ reason: refused.reason, code: refused.error.code }, 'member keys refused');
    // The code leads the failed reason, as BullMQ keeps only the message.
    throw new PermanentJobError(refused.error.code, `${refused.error.code}: ${refused.error.message}`, {
      ...refused.error.details,
      reason: refused.reason,
    });
  };
  const { groupKeys } = context;
  if (!groupKeys)
    return refuse(refusal('no-group-keys', ErrorCode.INVALID_CONFIG, 'GROUP_KEYS_MASTER_KEY is not set'));
  // A 1:1 message names its community only inside: the control nodes of every community the bot asked.
  const communityIds = command.communityId
    ? [command.communityId]
    : (
        await context.prisma.requestToJoin.findMany({
          where: { requesterKey: command.botKey },
          select: { communityId: true },
        })
      ).map((row) => row.communityId);
  const received = await readWithBotKey(context, command, await controlNodesOf(context, communityIds));
  if (!received.ok) return refuse(received.error);
  const fresh = await judge(context, groupKeys, command, received.value);
  if (!fresh.ok) return refuse(fresh.error);
  const { communityId, response } = received.value;
  // An older key is kept too (old messages stay readable); the current key stays the newest one.
  for (const key of fresh.value) await groupKeys.store(communityId, key);
  if (response)
    await context.prisma.requestToJoin.updateMany({
      where: { communityId, requesterKey: command.botKey, state: 'PENDING' },
      data: { state: response.accepted ? 'ACCEPTED' : 'DECLINED', decidedAt: new Date(context.clock()) },
    });
  // The indexer may have judged the description, or held posts, before these keys were stored: it reads
  // them again. A description whose keys were held already is sent back too while the indexer does not list
  // the bot as a member (it raced the 1:1 answer that brought the keys).
  if (
    fresh.value.length > 0 ||
    (command.communityId && !(await listed(context, communityId, command.botKey)))
  ) {
    const added = await enqueue(
      context.watchQueue,
      {
        type: 'community.keys-arrived',
        correlationId: command.correlationId,
        actor: 'publisher',
        communityId,
        ...(command.communityId && { message: command.message }),
      },
      { jobId: `keys-arrived.${command.message.hash}` },
    );
    if (!added.ok) throw added.error;
  }
  context.metrics.memberKeysStored.inc({ source }, fresh.value.length);
  context.metrics.botMessages.inc({
    type: command.type,
    result: fresh.value.length > 0 ? 'stored' : 'unchanged',
  });
  log.info({ communityId, stored: fresh.value.length, accepted: response?.accepted }, 'member keys taken');
  return { communityId, stored: fresh.value.length, unchanged: fresh.value.length === 0 };
};
