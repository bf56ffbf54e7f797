#!/usr/bin/env node
// `npm run demo`: a tour of the GraphQL API against the platform `npm start` runs. Read it top to bottom: every
// step is one operation of apps/api/src/schema/*.graphql. Mutations only queue a command (its id is the
// correlationId of what it causes); the demo reads until the effect is there, and prints the live events of the
// `events` subscription as they arrive.
import { join, resolve } from 'node:path';
import { ErrorCode, StatusError } from '@status-communities/errors';
import { demoConfig, graphqlUrlOf } from './demo/demo-config.js';
import { createGraphqlClient } from './demo/graphql-client.js';
import { poll } from './demo/poll.js';
import { readEnvFile, withEnvFile } from './env-file.js';
import { REPOSITORY_ROOT } from './services.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

const BOT_NAME = 'Demo bot';

const env = withEnvFile(await readEnvFile(join(REPOSITORY_ROOT, '.env')), process.env);
const parsed = demoConfig.parse(env);
if (!parsed.ok) {
  process.stderr.write(`${parsed.error.message}\n`);
  process.exit(1);
}
const config = parsed.value;
const wait = { timeoutMs: config.DEMO_TIMEOUT_SECONDS * 1000 };
const devSecrets = await readEnvFile(resolve(REPOSITORY_ROOT, config.PLATFORM_DEV_SECRETS_FILE));
const apiKey = config.ADMIN_BOOTSTRAP_TOKEN ?? devSecrets['ADMIN_BOOTSTRAP_TOKEN'];
if (apiKey === undefined) {
  process.stderr.write(
    'No API key: set ADMIN_BOOTSTRAP_TOKEN, or run `npm start` once (it generates one).\n',
  );
  process.exit(1);
}

const url = graphqlUrlOf(config);
const api = createGraphqlClient({ url, apiKey });

/** A mutation's answer: the queued command, or why it was refused. */
interface CommandPayload {
  readonly command: { readonly id: string; readonly type: string } | null;
  readonly userErrors: readonly { readonly code: string; readonly message: string }[];
}
const queued = (payload: CommandPayload): string => {
  if (payload.command === null || payload.userErrors.length > 0)
    throw new StatusError(
      ErrorCode.BAD_USER_INPUT,
      payload.userErrors.map((error) => `${error.code}: ${error.message}`).join('; '),
      { codes: payload.userErrors.map((error) => error.code) },
    );
  say(`   queued ${payload.command.type} (command id ${payload.command.id})`);
  return payload.command.id;
};

/** What the `events` subscription sends: CommunityEvent's fields, and those of two of its types. */
interface CommunityEvent {
  readonly eventId: string;
  readonly type: string;
  readonly communityId: string;
  readonly correlationId: string | null;
  readonly memberKey?: string;
  readonly text?: string | null;
}

interface Community {
  readonly communityId: string;
  readonly shareUrl: string;
  readonly chatKey: string;
  readonly memberCount: number;
  /** Set once the publisher has sent the description out on Waku. */
  readonly lastPublishedAt: string | null;
  readonly channels: readonly { readonly uuid: string; readonly chatId: string; readonly name: string }[];
}
const COMMUNITY_FIELDS =
  'communityId shareUrl chatKey memberCount lastPublishedAt channels { uuid chatId name }';
const readCommunity = async (communityId: string): Promise<Community | undefined> => {
  const { community } = await api.request<{ community: Community | null }>(
    `query Community($id: String!) { community(ref: { id: $id }) { ${COMMUNITY_FIELDS} } }`,
    { id: communityId },
  );
  return community ?? undefined;
};

let stopListening = (): void => {};
try {
  say(`GraphQL API: ${url}\n`);

  say('1. Who am I? (query viewer)');
  const { viewer } = await api.request<{ viewer: { tenant: { name: string }; scopes: string[] } }>(
    `query { viewer { tenant { name } scopes } }`,
  );
  say(`   tenant ${viewer.tenant.name}, scopes ${viewer.scopes.join(', ')}\n`);

  say('2. Listen (subscription events over graphql-ws): every event of my communities, printed as it comes');
  say(
    '   (correlationId: the command id for what the API asked, the Waku message hash for what came from Waku)',
  );
  stopListening = api.subscribe<{ events: CommunityEvent }>(
    `subscription {
      events {
        eventId type communityId correlationId
        ... on MemberEvent { memberKey }
        ... on MessageAddedEvent { text }
      }
    }`,
    {},
    ({ events: { eventId, type, communityId, correlationId, memberKey, text } }) =>
      say(
        `   ⚡ event ${eventId} ${type} of ${communityId.slice(0, 12)}…${memberKey ? ` member ${memberKey.slice(0, 12)}…` : ''}${text ? ` "${text}"` : ''}, correlationId ${correlationId}`,
      ),
    (error) => say(`   (no live events: ${error instanceof Error ? error.message : String(error)})`),
  );
  say('');

  say(
    '3. Create a community (mutation createCommunity): the publisher generates its key, signs and publishes it',
  );
  const name = `Demo ${new Date().toISOString().slice(11, 19)}`;
  const { createCommunity } = await api.request<{ createCommunity: CommandPayload }>(
    `mutation Create($input: CreateCommunityInput!) {
      createCommunity(input: $input) { command { id type } userErrors { code message } }
    }`,
    {
      input: {
        identity: { name, description: 'Made by npm run demo', color: '#4360df' },
        access: 'AUTO_ACCEPT',
      },
    },
  );
  queued(createCommunity);
  const created = await poll(
    `community ${name}, published`,
    async () => {
      const { communities } = await api.request<{ communities: { edges: { node: Community }[] } }>(
        `query Find($text: String!) {
          communities(filter: { kind: HOSTED, text: $text }, first: 1) { edges { node { ${COMMUNITY_FIELDS} } } }
        }`,
        { text: name },
      );
      const community = communities.edges[0]?.node;
      return community?.lastPublishedAt == null ? undefined : community;
    },
    wait,
  );
  say(`   ${name} is ${created.communityId}, published at ${created.lastPublishedAt}\n`);

  say('4. Share it (query community): the link opens the community in the Status app');
  say(`   ${created.shareUrl}`);
  say(
    `   chat key ${created.chatKey}, ${created.memberCount} member (the community key itself: the owner)\n`,
  );

  say('5. Add a channel (mutation createChannel)');
  const { createChannel } = await api.request<{
    createChannel: CommandPayload & { channelId: string | null };
  }>(
    `mutation Channel($input: CreateChannelInput!) {
      createChannel(input: $input) { command { id type } channelId userErrors { code message } }
    }`,
    {
      input: {
        communityId: created.communityId,
        name: 'general',
        description: 'Say hello',
        color: '#887af9',
      },
    },
  );
  queued(createChannel);
  const channel = await poll(
    'the channel in a published description',
    async () => {
      const community = await readCommunity(created.communityId);
      if (community?.lastPublishedAt === created.lastPublishedAt) return undefined;
      return community?.channels.find(({ uuid }) => uuid === createChannel.channelId);
    },
    wait,
  );
  say(`   #${channel.name} is ${channel.chatId}\n`);

  say(
    '6. A bot joins and posts (query botIdentities, mutations createBotIdentity, botRequestToJoin, sendMessage)',
  );
  interface BotIdentity {
    readonly publicKey: string;
    readonly displayName: string;
    readonly walletAddress: string | null;
  }
  const demoBot = async (): Promise<BotIdentity | undefined> => {
    const { botIdentities } = await api.request<{ botIdentities: BotIdentity[] }>(
      `query { botIdentities { publicKey displayName walletAddress } }`,
    );
    return botIdentities.find(
      (identity) => identity.displayName === BOT_NAME && identity.walletAddress !== null,
    );
  };
  if (!config.DEMO_BOT) {
    say('   left out (DEMO_BOT=false)\n');
  } else {
    let bot = await demoBot();
    if (bot === undefined) {
      // The publisher makes its keys (identity and wallet) in the keyring; the identity is listed once made.
      const { createBotIdentity } = await api.request<{ createBotIdentity: CommandPayload }>(
        `mutation Bot($input: CreateBotIdentityInput!) {
          createBotIdentity(input: $input) { command { id type } userErrors { code message } }
        }`,
        { input: { displayName: BOT_NAME, withWallet: true } },
      );
      queued(createBotIdentity);
      bot = await poll(`bot identity ${BOT_NAME}`, demoBot, wait);
    }
    const { publicKey: botKey, walletAddress: botWallet } = bot;
    say(`   ${BOT_NAME} is ${botKey.slice(0, 12)}…, wallet ${botWallet}`);
    const publishedBeforeJoin = (await readCommunity(created.communityId))?.lastPublishedAt;
    // The request goes over Waku to the request handler, which accepts it (AUTO_ACCEPT) and has the description
    // published again; the publisher lets the bot post once a published description lists it as a member.
    const { botRequestToJoin } = await api.request<{ botRequestToJoin: CommandPayload }>(
      `mutation Join($input: BotRequestToJoinInput!) {
        botRequestToJoin(input: $input) { command { id type } userErrors { code message } }
      }`,
      { input: { botKey, communityId: created.communityId, revealedAddresses: [botWallet] } },
    );
    queued(botRequestToJoin);
    await poll(
      `${BOT_NAME} in a published description`,
      async () => {
        const { community } = await api.request<{
          community: {
            lastPublishedAt: string;
            members: { edges: { node: { memberKey: string } }[] };
          } | null;
        }>(
          `query Members($id: String!) {
            community(ref: { id: $id }) { lastPublishedAt members(first: 100) { edges { node { memberKey } } } }
          }`,
          { id: created.communityId },
        );
        if (community === null || community.lastPublishedAt === publishedBeforeJoin) return undefined;
        return community.members.edges.find(({ node }) => node.memberKey === botKey);
      },
      wait,
    );
    say(`   ${BOT_NAME} is a member (the community accepts automatically)`);
    const text = `Hello from npm run demo, ${name}`;
    const { sendMessage } = await api.request<{ sendMessage: CommandPayload }>(
      `mutation Send($input: SendMessageInput!) {
        sendMessage(input: $input) { command { id type } userErrors { code message } }
      }`,
      {
        input: {
          bot: { botKey, communityId: created.communityId, channelId: channel.uuid },
          text,
        },
      },
    );
    queued(sendMessage);
    const message = await poll(
      'the message in the channel',
      async () => {
        const { messages } = await api.request<{
          messages: { edges: { node: { messageId: string; text: string } }[] };
        }>(
          `query Messages($channelId: String!) { messages(channelId: $channelId, first: 10) { edges { node { messageId text } } } }`,
          { channelId: channel.chatId },
        );
        return messages.edges.find(({ node }) => node.text === text)?.node;
      },
      wait,
    );
    say(`   posted ${message.messageId}: ${message.text}\n`);
  }

  say('Done. Open the share link in the Status app, or explore the API at the URL above.');
} catch (error) {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
} finally {
  stopListening();
  await api.close();
}
