import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { hexToBytesOrThrow, publicKeyToHex } from '@status-communities/crypto';
import { ErrorCode, unwrap } from '@status-communities/errors';
import { SecretKey } from '@status-communities/keyring';
import { status } from '@status-communities/proto';
import type { CommunityDescriptionModel, DecodedStatusMessage } from '@status-communities/protocol';
import {
  contentTopicForChatId,
  readCommunityDescription,
  shardInfoChatId,
  validateCommunityDescription,
  verifyCommunityPublicShardInfo,
} from '@status-communities/protocol';
import type { CommunityCommand, OutboundWakuMessage } from '@status-communities/queue';
import {
  bytesToBase64,
  closeRedis,
  createRedisConnection,
  eventStream,
  readEvents,
  routesChangedChannel,
} from '@status-communities/queue';
import { waitFor } from '@status-communities/testing';
import { decodeOnly } from './testing/decode.js';
import type { Harness } from './testing/harness.js';
import { REDIS_URL, createHarness } from './testing/harness.js';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(40)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), randomBytes(40)]);
const CONTROL = '/waku/2/rs/16/128';
const LEGACY = '/waku/2/rs/16/32';
const base = { actor: 'api-key-test' };

const identity = {
  displayName: 'Hosted here',
  description: 'A community run by the platform',
  color: '#887af9',
  emoji: '🦄',
  images: [{ kind: 'thumbnail', payload: bytesToBase64(PNG) }],
  tags: ['Art', 'Blockchain', 'Art'],
  introMessage: 'Welcome!',
  outroMessage: 'Bye',
};

const AppType = status.ApplicationMetadataMessage.Type;

describe('publisher: commands → stored state → published description', () => {
  let h: Harness;
  let communityId: string;
  let ownerKey: string;
  let clock = 0;
  /** Where the description goes: the control shard until the community gets a shard of its own. */
  let topic = CONTROL;

  beforeAll(async () => {
    h = await createHarness('commands');
    await h.start();
  });
  afterAll(() => h.close());

  /** The description on `pubsubTopic`, decoded as a Status app does, checked and read. */
  const readDescription = (
    messages: readonly OutboundWakuMessage[],
    pubsubTopic = topic,
  ): { decoded: DecodedStatusMessage; description: CommunityDescriptionModel } => {
    const decoded = decodeOnly(messages, pubsubTopic, communityId);
    if (decoded.typeName !== 'COMMUNITY_DESCRIPTION') throw new Error(`got ${decoded.typeName}`);
    expect(validateCommunityDescription(decoded.message).ok).toBe(true);
    return { decoded, description: unwrap(readCommunityDescription(decoded.message, communityId)) };
  };

  /** Runs a command, waits for the description it causes, and checks the clock moved on. */
  const publishedAfter = async (command: CommunityCommand): Promise<CommunityDescriptionModel> => {
    const job = await h.command(command);
    expect(job.failedReason).toBeUndefined();
    expect(job.returnvalue).toMatchObject({ communityId, changed: true });
    const { description } = readDescription(await h.waitForOutbound(2));
    expect(description.clock).toBeGreaterThan(clock);
    expect(description.clock).toBe(job.returnvalue.clock);
    clock = description.clock;
    return description;
  };

  /** Today's members-over-time roll-up of the community. */
  const membersToday = () =>
    h.prisma.communityDailyStats.findUniqueOrThrow({
      where: { communityId_day: { communityId, day: new Date(new Date().toISOString().slice(0, 10)) } },
      select: { memberCount: true, joined: true, left: true },
    });

  const refused = async (command: CommunityCommand, code: string): Promise<void> => {
    const job = await h.command(command);
    expect(job.finishedOn).toBeDefined();
    expect(job.failedReason).toBeDefined();
    expect(job.attemptsMade).toBe(1);
    const audit = await h.prisma.auditLogEntry.findFirst({
      where: { action: command.type, result: 'FAILURE' },
      orderBy: { id: 'desc' },
    });
    expect(audit?.errorCode).toBe(code);
  };

  it('creates a community under a new key and publishes a description a Status app accepts', async () => {
    const started = Date.now();
    // Indexer replicas listen here to route the new community's topics at once.
    const listener = createRedisConnection(REDIS_URL);
    const notices: string[] = [];
    listener.on('message', (channel: string) => notices.push(channel));
    await listener.subscribe(routesChangedChannel(h.prefix));
    const job = await h.command({
      ...base,
      type: 'community.create',
      correlationId: 'create-1',
      tenantId: h.tenantId,
      identity,
      permissions: { access: 'AUTO_ACCEPT', ensOnly: false },
    });
    expect(job.failedReason).toBeUndefined();
    communityId = job.returnvalue.communityId;
    expect(communityId).toMatch(/^0x0[23][0-9a-f]{64}$/);
    await waitFor('the routes-changed notice', () => notices.length > 0);
    await closeRedis(listener);
    expect(notices).toEqual([routesChangedChannel(h.prefix)]);
    // The job kept the key's id (so a retry reuses the key), never the key.
    const keyId: string = job.data.keyId;
    expect(keyId).toMatch(/^[0-9a-f-]{36}$/);
    const communityKey = unwrap(await h.keyring.open(keyId));
    ownerKey = communityKey.publicKeyHex;
    expect(communityKey.compressedPublicKeyHex).toBe(communityId);

    const messages = await h.waitForOutbound(2);
    expect(messages.map((message) => message.pubsubTopic)).toEqual([CONTROL, LEGACY]);
    for (const message of messages) {
      expect(message.contentTopic).toBe(contentTopicForChatId(communityId));
      expect(message.version).toBe(1);
      expect(message.correlationId).toBe('create-1');
      const timestampMs = Number(BigInt(message.timestamp) / 1_000_000n);
      expect(timestampMs).toBeGreaterThanOrEqual(started);
      expect(timestampMs).toBeLessThanOrEqual(Date.now());
      expect(message.payload).not.toContain(communityKey.revealHex());
    }
    // Encrypted for each shard (one gossipsub message id per copy), the same signed description inside.
    expect(messages[0]?.payload).not.toBe(messages[1]?.payload);
    expect(decodeOnly(messages, LEGACY, communityId).applicationMessage).toEqual(
      decodeOnly(messages, CONTROL, communityId).applicationMessage,
    );

    const { decoded, description } = readDescription(messages);
    expect(decoded.type).toBe(AppType.COMMUNITY_DESCRIPTION);
    expect(decoded.layers).toEqual([]);
    expect(publicKeyToHex(decoded.signer)).toBe(ownerKey);
    expect(decoded.ammSigner && publicKeyToHex(decoded.ammSigner)).toBe(ownerKey);
    expect(publicKeyToHex(decoded.envelopeSigner)).toBe(ownerKey);
    expect(description.communityKey).toBe(ownerKey);
    expect([...description.members.entries()]).toEqual([
      [ownerKey, { publicKey: ownerKey, roles: ['OWNER'], channelRole: 'POSTER', lastUpdateClock: 0 }],
    ]);
    expect(description.identity).toMatchObject({
      displayName: 'Hosted here',
      description: 'A community run by the platform',
      color: '#887af9',
      emoji: '🦄',
    });
    expect(description.identity.images.get('thumbnail')).toMatchObject({
      format: 'PNG',
      source: 'RAW_PAYLOAD',
    });
    expect(Buffer.from(description.identity.images.get('thumbnail')?.payload ?? []).equals(PNG)).toBe(true);
    expect(description.tags).toEqual(['Art', 'Blockchain']);
    expect(description.introMessage).toBe('Welcome!');
    expect(description.outroMessage).toBe('Bye');
    expect(description.permissions).toEqual({ access: 'AUTO_ACCEPT', ensOnly: false, private: false });
    expect(description.clock).toBe(job.returnvalue.clock);
    expect(description.clock).toBeGreaterThanOrEqual(started);
    clock = description.clock;

    const row = await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    expect(row).toMatchObject({ kind: 'HOSTED', tenantId: h.tenantId, keyId, memberCount: 1 });
    expect(Number(row.lastPublishedClock)).toBe(clock);
    expect(Buffer.from(row.descriptionRaw ?? []).equals(Buffer.from(decoded.applicationMessage))).toBe(true);
    expect(await h.prisma.descriptionSnapshot.count({ where: { communityId, clock } })).toBe(1);
    // The owner was there before anyone looked: a member, not a join.
    expect(await membersToday()).toEqual({ memberCount: 1, joined: 0, left: 0 });
    const audit = await h.prisma.auditLogEntry.findMany({
      where: { tenantId: h.tenantId },
      orderBy: { id: 'asc' },
    });
    expect(audit.map((line) => [line.action, line.result])).toEqual([
      ['keyring.generate', 'SUCCESS'],
      ['community.create', 'SUCCESS'],
    ]);
    const events = await readEvents(h.redis, { stream: eventStream({ prefix: h.prefix }) });
    expect(events.events.map((stored) => stored.event)).toEqual([
      {
        type: 'community.updated',
        communityId,
        occurredAt: expect.any(Number),
        correlationId: 'create-1',
        clock: String(clock),
        memberCount: 1,
        changes: [],
      },
    ]);
  });

  it('creates a community under an imported key, once however often the command comes', async () => {
    const imported = SecretKey.generate();
    const entry = unwrap(await h.keyring.import('COMMUNITY_KEY', imported, h.tenantId, { actor: 'import' }));
    const create: Extract<CommunityCommand, { type: 'community.create' }> = {
      ...base,
      type: 'community.create',
      correlationId: 'create-imported',
      tenantId: h.tenantId,
      keyId: entry.id,
      identity: { ...identity, images: [], displayName: 'Imported' },
      permissions: { access: 'MANUAL_ACCEPT', ensOnly: false },
    };
    const first = await h.command(create);
    expect(first.returnvalue).toMatchObject({ communityId: imported.compressedPublicKeyHex, changed: true });
    const again = await h.command(create);
    expect(again.returnvalue).toEqual({ ...first.returnvalue, changed: false });
    const messages = await h.waitForOutbound(2);
    const decoded = decodeOnly(messages, CONTROL, imported.compressedPublicKeyHex);
    expect(publicKeyToHex(decoded.signer)).toBe(imported.publicKeyHex);

    // A key of another purpose, or of another tenant, is not a community key of this tenant.
    const identityKey = unwrap(
      await h.keyring.import('IDENTITY_KEY', SecretKey.generate(), h.tenantId, { actor: 'import' }),
    );
    await refused({ ...create, correlationId: 'wrong-purpose', keyId: identityKey.id }, ErrorCode.FORBIDDEN);
    await refused({ ...create, correlationId: 'no-tenant', tenantId: randomUUID() }, ErrorCode.NOT_FOUND);
  });

  it('publishes every identity, permission and admin-settings edit with a new clock', async () => {
    const edited = await publishedAfter({
      ...base,
      type: 'community.update',
      correlationId: 'edit-identity',
      communityId,
      identity: {
        displayName: 'Renamed',
        description: 'New words',
        color: '#4360df',
        emoji: '🐙',
        images: [
          { kind: 'large', payload: bytesToBase64(JPEG) },
          { kind: 'banner', payload: bytesToBase64(PNG) },
        ],
        tags: ['Music'],
        introMessage: 'Hi',
        outroMessage: 'Ciao',
      },
    });
    expect(edited.identity).toMatchObject({
      displayName: 'Renamed',
      description: 'New words',
      color: '#4360df',
    });
    expect(edited.identity.emoji).toBe('🐙');
    expect([...edited.identity.images.keys()]).toEqual(['banner', 'large']);
    expect(edited.identity.images.get('large')?.format).toBe('JPEG');
    expect(edited.tags).toEqual(['Music']);
    expect([edited.introMessage, edited.outroMessage]).toEqual(['Hi', 'Ciao']);

    const permissions = await publishedAfter({
      ...base,
      type: 'community.update',
      correlationId: 'edit-permissions',
      communityId,
      permissions: { access: 'MANUAL_ACCEPT', ensOnly: true },
    });
    expect(permissions.permissions).toEqual({ access: 'MANUAL_ACCEPT', ensOnly: true, private: false });
    expect(permissions.identity.displayName).toBe('Renamed');

    const settings = await publishedAfter({
      ...base,
      type: 'community.update',
      correlationId: 'edit-admin',
      communityId,
      pinMessageAllMembersEnabled: true,
    });
    expect(settings.adminSettings.pinMessageAllMembersEnabled).toBe(true);

    const events = await readEvents(h.redis, { stream: eventStream({ prefix: h.prefix }) });
    const changes = events.events
      .filter((stored) => 'communityId' in stored.event && stored.event.communityId === communityId)
      .map((stored) => (stored.event.type === 'community.updated' ? stored.event.changes : []));
    expect(changes).toHaveLength(4);
    expect(changes[1]).toEqual(
      expect.arrayContaining([
        'identity.displayName',
        'identity.images',
        'tags',
        'introMessage',
        'outroMessage',
      ]),
    );
    expect(changes[2]).toEqual(['permissions.access', 'permissions.ensOnly']);
    expect(changes[3]).toEqual(['adminSettings.pinMessageAllMembersEnabled']);
  });

  it('publishes channels and categories: create, edit, reorder, move, delete', async () => {
    const general = randomUUID();
    const dev = randomUUID();
    const ops = randomUUID();
    const channel = (channelId: string, name: string, extra: Partial<Record<string, unknown>> = {}) =>
      ({
        ...base,
        type: 'channel.upsert',
        correlationId: `channel-${name}`,
        communityId,
        channelId,
        name,
        description: `${name} talk`,
        emoji: '💬',
        color: '#ff0000',
        viewersCanPostReactions: true,
        ...extra,
      }) as CommunityCommand;

    await publishedAfter({
      ...base,
      type: 'category.upsert',
      correlationId: 'cat-a',
      communityId,
      categoryId: 'cat-a',
      name: 'Talk',
    });
    let description = await publishedAfter({
      ...base,
      type: 'category.upsert',
      correlationId: 'cat-b',
      communityId,
      categoryId: 'cat-b',
      name: 'Dev',
      position: 0,
    });
    expect([...description.categories.values()]).toEqual([
      { id: 'cat-a', name: 'Talk', position: 1 },
      { id: 'cat-b', name: 'Dev', position: 0 },
    ]);

    await publishedAfter(channel(general, 'general'));
    await publishedAfter(
      channel(dev, 'dev', { categoryId: 'cat-b', viewersCanPostReactions: false, color: '#00ff00' }),
    );
    description = await publishedAfter(channel(ops, 'ops', { categoryId: 'cat-b', position: 0 }));
    const positions = () =>
      Object.fromEntries(
        [...description.channels.values()].map((c) => [c.name, [c.categoryId ?? null, c.position]]),
      );
    expect(positions()).toEqual({ general: [null, 0], ops: ['cat-b', 0], dev: ['cat-b', 1] });
    const devChannel = description.channels.get(dev);
    expect(devChannel).toMatchObject({
      name: 'dev',
      description: 'dev talk',
      emoji: '💬',
      color: '#00ff00',
      viewersCanPostReactions: false,
      chatId: communityId + dev,
      permissions: { access: 'AUTO_ACCEPT', ensOnly: false, private: false },
    });
    // Channels without token permissions travel dehydrated and read back with every member.
    expect([...(devChannel?.members.keys() ?? [])]).toEqual([ownerKey]);

    description = await publishedAfter({
      ...base,
      type: 'channel.reorder',
      correlationId: 'move',
      communityId,
      channelId: general,
      categoryId: 'cat-a',
      position: 0,
    });
    expect(positions()).toEqual({ general: ['cat-a', 0], ops: ['cat-b', 0], dev: ['cat-b', 1] });
    description = await publishedAfter({
      ...base,
      type: 'category.reorder',
      correlationId: 'reorder-cat',
      communityId,
      categoryId: 'cat-a',
      position: 0,
    });
    expect(description.categories.get('cat-a')?.position).toBe(0);
    expect(description.categories.get('cat-b')?.position).toBe(1);
    description = await publishedAfter({
      ...base,
      type: 'category.upsert',
      correlationId: 'rename',
      communityId,
      categoryId: 'cat-a',
      name: 'Lounge',
    });
    expect(description.categories.get('cat-a')).toEqual({ id: 'cat-a', name: 'Lounge', position: 0 });

    description = await publishedAfter({
      ...base,
      type: 'category.delete',
      correlationId: 'del-cat',
      communityId,
      categoryId: 'cat-b',
    });
    expect([...description.categories.keys()]).toEqual(['cat-a']);
    expect(positions()).toEqual({ general: ['cat-a', 0], ops: [null, 0], dev: [null, 1] });

    description = await publishedAfter({
      ...base,
      type: 'channel.delete',
      correlationId: 'del-ops',
      communityId,
      channelId: ops,
    });
    expect(positions()).toEqual({ general: ['cat-a', 0], dev: [null, 0] });
    const stored = await h.prisma.channel.findUniqueOrThrow({ where: { id: communityId + ops } });
    expect(stored.deleted).toBe(true);
  });

  it('publishes member roles, and a shard of its own with shard info on 64', async () => {
    const member = publicKeyToHex(SecretKey.generate().publicKey);
    // As the request handler adds an accepted member.
    await h.prisma.member.create({ data: { communityId, memberKey: member, joinedAt: new Date() } });
    let description = await publishedAfter({
      ...base,
      type: 'member.set-roles',
      correlationId: 'roles',
      communityId,
      memberKey: member,
      roles: ['TOKEN_MASTER', 'ADMIN'],
    });
    expect(description.members.get(member)).toMatchObject({
      roles: ['ADMIN', 'TOKEN_MASTER'],
      lastUpdateClock: clock,
    });
    expect(
      await h.prisma.memberEvent.count({ where: { communityId, memberKey: member, type: 'ROLE_CHANGED' } }),
    ).toBe(1);
    // Stats of a hosted community come from its publishes: the indexer finds each description stored already.
    expect(await membersToday()).toEqual({ memberCount: 2, joined: 1, left: 0 });

    const job = await h.command({
      ...base,
      type: 'community.set-shard',
      correlationId: 'shard',
      communityId,
      shard: { cluster: 16, index: 700 },
    });
    expect(job.returnvalue.changed).toBe(true);
    const messages = await h.waitForOutbound(2);
    expect(messages.map((message) => [message.pubsubTopic, message.contentTopic])).toEqual([
      ['/waku/2/rs/16/700', contentTopicForChatId(communityId)],
      ['/waku/2/rs/16/64', contentTopicForChatId(shardInfoChatId(communityId))],
    ]);
    description = readDescription(messages, '/waku/2/rs/16/700').description;
    expect(description.clock).toBe(job.returnvalue.clock);
    const shardInfo = decodeOnly(messages, '/waku/2/rs/16/64', shardInfoChatId(communityId));
    expect(shardInfo.typeName).toBe('COMMUNITY_PUBLIC_SHARD_INFO');
    expect(publicKeyToHex(shardInfo.signer)).toBe(ownerKey);
    const verified = unwrap(
      verifyCommunityPublicShardInfo(shardInfo.payload, {
        communityId: hexToBytesOrThrow(communityId),
        storedClock: clock,
      }),
    );
    expect(verified).toMatchObject({
      clock: job.returnvalue.clock,
      shard: { cluster: 16, index: 700 },
      chainId: '0',
    });
    clock = description.clock;
    topic = '/waku/2/rs/16/700';
  });

  it('refuses bad commands with a typed, audited reason and publishes nothing', async () => {
    const clockBefore = (await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } })).clock;
    await refused(
      {
        ...base,
        type: 'community.update',
        correlationId: 'bad-tag',
        communityId,
        identity: { tags: ['Not a tag'] },
      },
      ErrorCode.BAD_USER_INPUT,
    );
    await refused(
      {
        ...base,
        type: 'community.update',
        correlationId: 'long',
        communityId,
        identity: { displayName: 'x'.repeat(31) },
      },
      ErrorCode.BAD_USER_INPUT,
    );
    await refused(
      {
        ...base,
        type: 'community.update',
        correlationId: 'gif',
        communityId,
        identity: { images: [{ kind: 'thumbnail', payload: bytesToBase64(randomBytes(20)) }] },
      },
      ErrorCode.BAD_USER_INPUT,
    );
    await refused(
      {
        ...base,
        type: 'channel.upsert',
        correlationId: 'v1-uuid',
        communityId,
        channelId: 'c232ab00-9414-11ec-b3c8-9e6bdeced846',
        name: 'x',
        description: '',
        emoji: '',
        color: '#000000',
        viewersCanPostReactions: true,
      },
      ErrorCode.BAD_USER_INPUT,
    );
    await refused(
      {
        ...base,
        type: 'channel.reorder',
        correlationId: 'no-cat',
        communityId,
        channelId: randomUUID(),
        position: 0,
      },
      ErrorCode.NOT_FOUND,
    );
    await refused(
      {
        ...base,
        type: 'member.set-roles',
        correlationId: 'owner',
        communityId,
        memberKey: ownerKey,
        roles: ['ADMIN'],
      },
      ErrorCode.FORBIDDEN,
    );
    await refused(
      {
        ...base,
        type: 'category.delete',
        correlationId: 'unknown-community',
        communityId: `0x02${'00'.repeat(32)}`,
        categoryId: 'x',
      },
      ErrorCode.NOT_FOUND,
    );
    expect((await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } })).clock).toBe(
      clockBefore,
    );
    expect(await h.publish.getJobCountByTypes('wait', 'delayed', 'active')).toBe(0);
    expect(await h.takeOutbound()).toEqual([]);
  });

  it('treats a repeated command as done: no new clock, nothing new published', async () => {
    const job = await h.command({
      ...base,
      type: 'category.upsert',
      correlationId: 'again',
      communityId,
      categoryId: 'cat-a',
      name: 'Lounge',
    });
    expect(job.returnvalue).toEqual({ communityId, clock, changed: false });
    // The publish it asks for (kept once completed) runs and finds the state already published.
    const publish = await waitFor('the publish the command asked for', async () => {
      const done = await h.publish.getJobs(['completed', 'failed']);
      return done.find((ran) => ran.data.correlationId === 'again');
    });
    expect(publish.returnvalue).toEqual({ published: false, reason: 'published-already' });
    expect(await h.takeOutbound()).toEqual([]);
  });

  it('serves health, readiness and the description size metric', async () => {
    const publisher = await h.start();
    expect((await fetch(`${publisher.healthUrl}/healthz`)).status).toBe(200);
    const ready = await fetch(`${publisher.healthUrl}/readyz`);
    expect(ready.status).toBe(200);
    await publishedAfter({
      ...base,
      type: 'community.update',
      correlationId: 'metric',
      communityId,
      identity: { emoji: '🎉' },
    });
    const metrics = await (await fetch(`${publisher.healthUrl}/metrics`)).text();
    expect(metrics).toMatch(/publisher_description_bytes_count\{service="publisher"\} 1/);
    expect(metrics).toMatch(
      /publisher_descriptions_published_total\{reason="changed",service="publisher"\} 1/,
    );
    // The queue library's view: each job run timed by outcome, and the queues' depths at scrape time.
    expect(metrics).toMatch(
      /^queue_job_duration_seconds_count\{service="publisher",queue="\{community\.publish\}",outcome="completed"\} [1-9]/m,
    );
    expect(metrics).toMatch(
      /^queue_jobs\{queue="\{community\.commands\}",state="failed",service="publisher"\} \d+$/m,
    );
  });

  it('keeps private keys out of logs, job data and the audit log', async () => {
    const community = await h.prisma.community.findUniqueOrThrow({ where: { id: communityId } });
    const key = unwrap(await h.keyring.open(community.keyId ?? ''));
    const secret = key.revealHex();
    expect(h.logLines.length).toBeGreaterThan(10);
    expect(h.logLines.join('')).not.toContain(secret);
    const jobs = [
      ...(await h.commands.getJobs(['completed', 'failed'])),
      ...(await h.publish.getJobs(['completed', 'failed'])),
    ];
    expect(jobs.length).toBeGreaterThan(10);
    expect(JSON.stringify(jobs.map((job) => [job.data, job.returnvalue, job.failedReason]))).not.toContain(
      secret,
    );
    const audit = await h.prisma.auditLogEntry.findMany();
    expect(JSON.stringify(audit.map((line) => line.input))).not.toContain(secret);
  });
});
