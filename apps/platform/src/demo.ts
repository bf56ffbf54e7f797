#!/usr/bin/env node
// `npm run demo`: a tour of the GraphQL API against the platform `npm start` runs. Read it top to bottom: every
// step is one operation of apps/api/src/schema/*.graphql, and every change it asks for is confirmed by the event
// that announces it (mutations only queue a command; the event carries the command's id as its correlationId).
import { join, resolve } from 'node:path';
import { isStatusError } from '@status-communities/errors';
import { demoConfig, graphqlUrlOf } from './demo/demo-config.js';
import { EventLog } from './demo/event-log.js';
import type { CommunityEvent } from './demo/event-log.js';
import { createGraphqlClient } from './demo/graphql-client.js';
import { readEnvFile, withEnvFile } from './env-file.js';
import { REPOSITORY_ROOT } from './services.js';

const say = (line: string): void => void process.stdout.write(`${line}\n`);

const env = withEnvFile(await readEnvFile(join(REPOSITORY_ROOT, '.env')), process.env);
const parsed = demoConfig.parse(env);
if (!parsed.ok) {
  process.stderr.write(`${parsed.error.message}\n`);
  process.exit(1);
}
const config = parsed.value;
const timeoutMs = config.DEMO_TIMEOUT_SECONDS * 1000;
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
const events = new EventLog();

/** A mutation's answer: the queued command, or why it was refused. */
interface CommandPayload {
  readonly command: { readonly id: string; readonly type: string } | null;
  readonly userErrors: readonly { readonly code: string; readonly message: string }[];
}
const commandIdOf = (payload: CommandPayload): string => {
  if (payload.command === null || payload.userErrors.length > 0)
    throw new Error(payload.userErrors.map((error) => `${error.code}: ${error.message}`).join('; '));
  return payload.command.id;
};

/** Waits for the event a command caused: its correlationId is the command id. */
const eventOf = (commandId: string, type: string): Promise<CommunityEvent> =>
  events.waitFor(
    `${type} event of command ${commandId}`,
    (event) => event.correlationId === commandId && event.type === type,
    timeoutMs,
  );

let unsubscribe = (): void => {};
try {
  say(`GraphQL API: ${url}\n`);

  say('1. Who am I? (query viewer)');
  const { viewer } = await api.request<{ viewer: { tenant: { name: string }; scopes: string[] } }>(
    `query { viewer { tenant { name } scopes } }`,
  );
  say(`   tenant ${viewer.tenant.name}, scopes ${viewer.scopes.join(', ')}\n`);

  say('2. Listen (subscription events, over graphql-ws): every event of my communities, printed as it comes');
  const subscriptionFailed = new Promise<never>((_, reject) => {
    unsubscribe = api.subscribe<{ events: CommunityEvent }>(
      `subscription {
        events {
          eventId type communityId correlationId occurredAt
          ... on CommunityUpdatedEvent { clock memberCount changes }
          ... on MemberEvent { memberKey }
          ... on MessageAddedEvent { channelId messageId authorKey text }
        }
      }`,
      {},
      ({ events: event }) => {
        const { eventId, type, communityId, correlationId, ...details } = event;
        say(
          `   ⚡ event ${eventId} ${type} ${communityId.slice(0, 10)}… correlationId=${correlationId} ${JSON.stringify(details)}`,
        );
        events.add(event);
      },
      reject,
    );
  });
  subscriptionFailed.catch(() => {});
  say('');

  say('3. Create a community (mutation createCommunity): the publisher generates its key and publishes it');
  const { createCommunity } = await api.request<{ createCommunity: CommandPayload }>(
    `mutation Create($input: CreateCommunityInput!) {
      createCommunity(input: $input) { command { id type } userErrors { code message } }
    }`,
    {
      input: {
        identity: {
          name: 'Demo community',
          description: 'Made by npm run demo',
          color: '#4360df',
          emoji: '👋',
        },
        access: 'AUTO_ACCEPT',
      },
    },
  );
  const createId = commandIdOf(createCommunity);
  say(`   queued command ${createId}; waiting for its COMMUNITY_UPDATED event`);
  const created = await Promise.race([eventOf(createId, 'COMMUNITY_UPDATED'), subscriptionFailed]);
  const communityId = created.communityId;
  say(`   community ${communityId}\n`);

  say('4. Share it (query community): the link opens it in the Status app');
  const { community } = await api.request<{
    community: { shareUrl: string; chatKey: string; memberCount: number; identity: { name: string } };
  }>(
    `query Community($id: String!) { community(ref: { id: $id }) { shareUrl chatKey memberCount identity { name } } }`,
    {
      id: communityId,
    },
  );
  say(`   ${community.identity.name}: ${community.shareUrl}`);
  say(`   chat key ${community.chatKey}, ${community.memberCount} member(s)\n`);

  say('5. Add a channel (mutation createChannel)');
  const { createChannel } = await api.request<{
    createChannel: CommandPayload & { channelId: string | null };
  }>(
    `mutation Channel($input: CreateChannelInput!) {
      createChannel(input: $input) { command { id type } channelId userErrors { code message } }
    }`,
    { input: { communityId, name: 'general', description: 'Say hello', color: '#887af9' } },
  );
  const channelCommandId = commandIdOf(createChannel);
  await Promise.race([eventOf(channelCommandId, 'COMMUNITY_UPDATED'), subscriptionFailed]);
  say(`   channel ${createChannel.channelId} is in the published description\n`);

  say('6. A bot joins and posts (query botIdentities, mutations botRequestToJoin and sendMessage)');
  const { botIdentities } = await api.request<{
    botIdentities: { publicKey: string; displayName: string }[];
  }>(`query { botIdentities { publicKey displayName } }`);
  const [bot] = botIdentities;
  if (bot === undefined) {
    say('   this tenant has no bot identity, and the API has no mutation that creates one: skipped\n');
  } else {
    const { botRequestToJoin } = await api.request<{ botRequestToJoin: CommandPayload }>(
      `mutation Join($input: BotRequestToJoinInput!) {
        botRequestToJoin(input: $input) { command { id type } userErrors { code message } }
      }`,
      { input: { botKey: bot.publicKey, communityId } },
    );
    commandIdOf(botRequestToJoin);
    say(`   ${bot.displayName} asked to join; the community accepts automatically`);
    await Promise.race([
      events.waitFor(
        `MEMBER_JOINED of ${bot.displayName}`,
        (event) => event.type === 'MEMBER_JOINED' && event['memberKey'] === bot.publicKey,
        timeoutMs,
      ),
      subscriptionFailed,
    ]);
    const { sendMessage } = await api.request<{ sendMessage: CommandPayload }>(
      `mutation Send($input: SendMessageInput!) {
        sendMessage(input: $input) { command { id type } userErrors { code message } }
      }`,
      {
        input: {
          bot: { botKey: bot.publicKey, communityId, channelId: createChannel.channelId },
          text: 'Hello from npm run demo 👋',
        },
      },
    );
    const message = await Promise.race([
      eventOf(commandIdOf(sendMessage), 'MESSAGE_ADDED'),
      subscriptionFailed,
    ]);
    say(`   ${bot.displayName} posted message ${String(message['messageId'])}\n`);
  }

  say(
    'Done. Open the share link in the Status app, or keep `npm start` running and explore at the URL above.',
  );
} catch (error) {
  process.stderr.write(
    `demo failed: ${isStatusError(error) || error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  unsubscribe();
  await api.close();
}
