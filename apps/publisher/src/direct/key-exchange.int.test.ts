// A community's key exchange that reaches a bot on its 1:1 topic arrives as direct.received (the indexer
// forwards everything on the bot's partitioned topic): it goes to the member-keys intake, which stores the
// keys once and refuses the same exchange again.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bytesToHex, generateHashRatchetKey, keyIdOf } from '@status-communities/crypto';
import { unwrap } from '@status-communities/errors';
import { GroupKeyStore, SecretBytes, SecretKey, createMasterKeyRing } from '@status-communities/keyring';
import { channelGroupId, requestToJoinId } from '@status-communities/protocol';
import type { InboundWakuMessage } from '@status-communities/queue';
import type { TestKey } from '@status-communities/testing';
import { TestCommunity, newKey } from '@status-communities/testing';
import type { Harness } from '../testing/harness.js';
import { createHarness } from '../testing/harness.js';

const GROUP_KEYS = { GROUP_KEYS_MASTER_KEY: randomBytes(32).toString('hex'), GROUP_KEYS_MASTER_KEY_ID: 'g1' };

describe('publisher: a key exchange on a bot 1:1 topic', () => {
  let h: Harness;
  const bot = SecretKey.generate();
  const botKey = bot.publicKeyHex;
  const asMember: TestKey = { memberKey: botKey, privateKey: new Uint8Array(32) };
  const foreign = new TestCommunity(newKey('owner'));
  foreign.encrypt();
  const general = foreign.addChannel('general');
  foreign.addMember(asMember);

  beforeAll(async () => {
    h = await createHarness('direct-keys');
    await h.start(GROUP_KEYS);
    const entry = unwrap(await h.keyring.import('IDENTITY_KEY', bot, h.tenantId, { actor: 'test' }));
    await h.prisma.identity.create({
      data: { tenantId: h.tenantId, publicKey: botKey, displayName: 'Helper Bot', keyId: entry.id },
    });
    await h.prisma.community.create({ data: { id: foreign.communityId, kind: 'WATCHED' } });
    await h.prisma.requestToJoin.create({
      data: {
        id: '0x' + bytesToHex(requestToJoinId(botKey, foreign.communityId)),
        communityId: foreign.communityId,
        requesterKey: botKey,
        clock: 1n,
      },
    });
  });
  afterAll(() => h.close());

  it('reaches the member-keys intake: stored once, a replay refused', async () => {
    const channelKey = generateHashRatchetKey(
      channelGroupId(foreign.communityId, general),
      BigInt(Date.now()),
    );
    const message = foreign.keyExchange(asMember, channelGroupId(foreign.communityId, general), [channelKey]);
    const received = () =>
      h.botCommand({
        type: 'direct.received',
        correlationId: randomUUID(),
        actor: 'indexer',
        botKey,
        message: message as InboundWakuMessage,
      });
    const job = await received();
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toMatchObject({ communityId: foreign.communityId, stored: 1 });
    const groupKeys = new GroupKeyStore(
      h.prisma,
      unwrap(
        createMasterKeyRing({
          id: 'g1',
          key: SecretBytes.of(Buffer.from(GROUP_KEYS.GROUP_KEYS_MASTER_KEY, 'hex')),
        }),
      ),
    );
    const held = unwrap(await groupKeys.ofCommunity(foreign.communityId)).map((k) => bytesToHex(k.keyId));
    expect(held).toContain(bytesToHex(keyIdOf(channelKey)));
    const again = await received();
    expect(again.failedReason).toContain('REPLAYED_MESSAGE');
    expect(await h.prisma.directMessage.count()).toBe(0);
  });
});
