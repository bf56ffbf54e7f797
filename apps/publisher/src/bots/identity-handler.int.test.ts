import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { publicKeyToHex } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import type { SecretKey } from '@status-communities/keyring';
import { memberUpdateChatId } from '@status-communities/protocol';
import type { BotMessageCommand } from '@status-communities/queue';
import { enqueue } from '@status-communities/queue';
import { decodeOnly } from '../testing/decode.js';
import { createCommunity, newChannel } from '../testing/fixtures.js';
import type { Harness } from '../testing/harness.js';
import { createHarness, finished } from '../testing/harness.js';
import type { IdentityOutcome } from './identity-handler.js';

describe('publisher: bot identities made in the keyring (identity.create)', () => {
  let h: Harness;
  /** Every key a test opened, to look for in logs, jobs and the audit log at the end. */
  const opened: SecretKey[] = [];

  // The job exactly as the api's createBotIdentity queues it (withWallet filled in by the schema).
  const createCommand = (fields: { withWallet?: boolean; tenantId?: string } = {}): BotMessageCommand => ({
    type: 'identity.create',
    correlationId: randomUUID(),
    actor: 'api-key:0193a4d2-0000-7000-8000-000000000001',
    tenantId: h.tenantId,
    displayName: 'Helper Bot',
    withWallet: true,
    ...fields,
  });
  const keysOf = (purpose: 'IDENTITY_KEY' | 'WALLET_KEY') =>
    h.prisma.keyringSecret.count({ where: { tenantId: h.tenantId, purpose } });
  const created = async (command: BotMessageCommand): Promise<IdentityOutcome> => {
    const job = await h.botCommand(command);
    expect(job.failedReason).toBeUndefined();
    return job.returnvalue as IdentityOutcome;
  };

  beforeAll(async () => {
    h = await createHarness('identities');
    await h.start();
  });
  afterAll(() => h.close());

  it('generates the identity key and a wallet in the keyring and stores the identity', async () => {
    const command = createCommand();
    const outcome = await created(command);
    const identity = await h.prisma.identity.findUniqueOrThrow({
      where: { createdByCommand: command.correlationId },
    });
    expect(identity).toMatchObject({ tenantId: h.tenantId, displayName: 'Helper Bot' });
    expect(outcome).toEqual({
      identityId: identity.id,
      publicKey: identity.publicKey,
      walletAddress: expect.stringMatching(/^0x[0-9a-f]{40}$/),
    });

    expect(unwrap(await h.keyring.entry(identity.keyId))).toMatchObject({
      purpose: 'IDENTITY_KEY',
      tenantId: h.tenantId,
      publicKey: identity.publicKey,
    });
    const key = unwrap(await h.keyring.open(identity.keyId));
    expect(key.publicKeyHex).toBe(identity.publicKey);
    const wallet = unwrap(await h.keyring.entryByPublicKey(outcome.walletAddress ?? ''));
    expect(wallet).toMatchObject({ id: identity.walletKeyId, purpose: 'WALLET_KEY', tenantId: h.tenantId });
    opened.push(key, unwrap(await h.keyring.open(wallet.id)));

    const audit = await h.prisma.auditLogEntry.findFirstOrThrow({ where: { action: 'identity.create' } });
    expect(audit).toMatchObject({ tenantId: h.tenantId, result: 'SUCCESS', communityId: null });
    expect(audit.input).toMatchObject({
      correlationId: command.correlationId,
      publicKey: identity.publicKey,
      walletAddress: outcome.walletAddress,
    });
  });

  it('makes no wallet when not asked', async () => {
    const wallets = await keysOf('WALLET_KEY');
    const outcome = await created(createCommand({ withWallet: false }));
    expect(outcome.walletAddress).toBeNull();
    const identity = await h.prisma.identity.findUniqueOrThrow({ where: { id: outcome.identityId } });
    expect(identity.walletKeyId).toBeNull();
    expect(await keysOf('WALLET_KEY')).toBe(wallets);
  });

  it('makes one identity when the same command runs twice', async () => {
    const command = createCommand();
    const identityKeys = await keysOf('IDENTITY_KEY');
    const first = await created(command);
    const again = await created(command);
    expect(again).toEqual(first);
    expect(await h.prisma.identity.count({ where: { createdByCommand: command.correlationId } })).toBe(1);
    expect(await keysOf('IDENTITY_KEY')).toBe(identityKeys + 1);
    const audited = await h.prisma.auditLogEntry.findMany({ where: { action: 'identity.create' } });
    expect(
      audited.filter(
        (row) => (row.input as { correlationId?: string }).correlationId === command.correlationId,
      ),
    ).toHaveLength(1);
  });

  it('reuses the keys an attempt generated before it crashed, making no others', async () => {
    await h.stopPublisher();
    const command = createCommand();
    const job = unwrap(await enqueue(h.bots, command));
    // As the first attempt leaves it when it dies after generating both keys, before the identity commits.
    const identityKey = unwrap(await h.keyring.generate('IDENTITY_KEY', h.tenantId, { actor: 'attempt 1' }));
    const walletKey = unwrap(await h.keyring.generate('WALLET_KEY', h.tenantId, { actor: 'attempt 1' }));
    await job.updateProgress({ identityKeyId: identityKey.id, walletKeyId: walletKey.id });
    const counts = [await keysOf('IDENTITY_KEY'), await keysOf('WALLET_KEY')];

    await h.start();
    const done = await finished(h.bots, job.id ?? '');
    expect(done.failedReason).toBeUndefined();
    expect(done.returnvalue).toMatchObject({
      publicKey: identityKey.publicKey,
      walletAddress: walletKey.publicKey,
    });
    expect([await keysOf('IDENTITY_KEY'), await keysOf('WALLET_KEY')]).toEqual(counts);
  });

  it('refuses an unknown tenant at once, audited, generating nothing', async () => {
    const identityKeys = await keysOf('IDENTITY_KEY');
    const job = await h.botCommand(createCommand({ tenantId: randomUUID() }));
    expect(job.failedReason).toBe('no such tenant');
    expect(job.attemptsMade).toBe(1);
    const audit = await h.prisma.auditLogEntry.findFirstOrThrow({
      where: { action: 'identity.create', result: 'FAILURE' },
    });
    expect(audit).toMatchObject({ tenantId: null, errorCode: ErrorCode.NOT_FOUND });
    expect(await keysOf('IDENTITY_KEY')).toBe(identityKeys);
  });

  it('gives a bot that speaks: its first message is signed with the key the keyring made', async () => {
    const outcome = await created(createCommand());
    const community = await createCommunity(h, 'Made Here');
    // Accepted as a member (the request handler's job), then a channel: its publish lists both.
    await h.prisma.member.create({
      data: { communityId: community.communityId, memberKey: outcome.publicKey, joinedAt: new Date() },
    });
    const channelId = randomUUID();
    await h.command(newChannel(community.communityId, 'general', channelId));
    await h.waitForOutbound(2);

    const job = await h.botCommand({
      type: 'message.send',
      actor: 'api-key:test',
      correlationId: randomUUID(),
      botKey: outcome.publicKey,
      communityId: community.communityId,
      channelId,
      text: 'gm',
    });
    expect(job.failedReason).toBeUndefined();
    const messages = await h.waitForOutbound(2);
    const decoded = decodeOnly(messages, '/waku/2/rs/16/256', memberUpdateChatId(community.communityId));
    expect(publicKeyToHex(decoded.signer)).toBe(outcome.publicKey);
  });

  it('keeps the private keys out of job data, results, progress, logs and the audit log', async () => {
    const jobs = await h.bots.getJobs(['completed', 'failed']);
    const text = JSON.stringify(
      jobs.map((job) => [job.data, job.returnvalue, job.progress, job.failedReason]),
    );
    const audit = JSON.stringify((await h.prisma.auditLogEntry.findMany()).map((line) => line.input));
    expect(opened).toHaveLength(2);
    for (const key of opened)
      for (const haystack of [text, audit, h.logLines.join('')])
        expect(haystack).not.toContain(key.revealHex());
  });
});
