// Issue #18's story in a real browser: every service from its build on a Waku devnet, the console's server in
// front of the api, and Debian's Chromium driven by playwright-core. A moderator signs in with a key, creates
// a MANUAL_ACCEPT community and a channel through the console, approves a Status member's request that
// arrives live, sees the member appear and post without reloading, bans her, reads seeded analytics from the
// charts' data, and is asked for a new key once hers is revoked. An operator then makes a bot identity and a
// webhook from the bots and webhooks pages.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { bigIntToUint64 } from '@status-communities/proto';
import { base64ToBytes, bytesToBase64 } from '@status-communities/queue';
import type { SentMessage, WireMessage } from '@status-communities/testing';
import { latestDescription, StatusMember } from '@status-communities/testing';
import type { WakuNode } from '@status-communities/waku';
import { launchChromium, screenshot } from './testing/browser.js';
import type { Platform } from './testing/platform.js';
import { startPlatform } from './testing/platform.js';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('the console in Chromium, on the platform', () => {
  let platform: Platform;
  let browser: Browser;
  let page: Page;
  /** The community the moderator creates, which the operator's bot then asks to join. */
  let storyCommunityId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    const exits = await platform?.stop();
    expect({ exits, output: exits?.every(({ code }) => code === 0) ? '' : platform.services.output }).toEqual(
      {
        exits: ['console', 'api', 'request-handler', 'publisher', 'indexer', 'waku-gateway'].map((name) => ({
          name,
          code: 0,
        })),
        output: '',
      },
    );
  }, 60_000);

  /** Waits for a selector, failing with the services' output if one of them died meanwhile. */
  const see = (selector: string, timeoutMs = 60_000) =>
    platform.services.waitFor(
      `${selector} in the console`,
      async () => (await page.locator(selector).count()) > 0 || undefined,
      { timeoutMs },
    );
  const gone = (selector: string, timeoutMs = 60_000) =>
    platform.services.waitFor(
      `${selector} gone from the console`,
      async () => (await page.locator(selector).count()) === 0 || undefined,
      { timeoutMs },
    );
  const tab = (name: string) =>
    page.getByRole('navigation', { name: 'Community sections' }).getByRole('link', { name });

  it('refuses a bad key with its code and a sentence', async () => {
    await page.goto(platform.consoleUrl);
    await page.getByLabel('API key').fill('sck_not_a_key_at_all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see('[role=alert] [data-code=UNAUTHENTICATED]');
    expect(await page.locator('[role=alert]').innerText()).toContain('unknown, revoked or expired');
  });

  it('moderates a community live: request, approval, member, message, ban, analytics, revoked key', async () => {
    // The member: a Status app on its own devnet node, listening from the start (a description goes out once
    // per change).
    const memberNode = platform.devnet.nodes[1] as WakuNode;
    const seen: WireMessage[] = [];
    memberNode.subscribe(({ pubsubTopic, message }) =>
      seen.push({ pubsubTopic, contentTopic: message.contentTopic, payload: bytesToBase64(message.payload) }),
    );
    const send = (message: SentMessage) =>
      platform.services.waitFor(
        `the member's message out on ${message.pubsubTopic}`,
        async () =>
          (
            await memberNode.publish(message.pubsubTopic, {
              payload: message.payload,
              contentTopic: message.contentTopic,
              version: 1,
              timestamp: bigIntToUint64(BigInt(Date.now()) * 1_000_000n),
            })
          ).status === 'published' || undefined,
      );
    // The moderator's own key, made by the bootstrap admin as an operator would.
    const { createApiKey } = await platform.gql<{
      createApiKey: { secret: string; apiKey: { id: string } };
    }>(`mutation { createApiKey(input: { name: "moderator", scopes: [COMMUNITY_READ, MESSAGES_READ,
      MODERATION_WRITE, OWNER_CONTROL, ADMIN] }) { secret apiKey { id } } }`);

    await page.goto(platform.consoleUrl);
    await page.getByLabel('API key').fill(createApiKey.secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see('[data-viewer-key]');
    expect(await page.locator('[data-viewer-key]').innerText()).toBe('moderator');

    await page.getByLabel('Name').fill('Console story');
    await page.getByLabel('Description').fill('Moderated from a browser');
    await page.getByLabel('Joining').selectOption('MANUAL_ACCEPT');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await see('[role=status]:has-text("Creation queued")');
    // The publisher makes the key and publishes; the list shows it once it exists (searching reads it again).
    const card = await platform.services.waitFor(
      'the community listed',
      async () => {
        await page.getByRole('button', { name: 'Search' }).click();
        const found = page.locator('li[data-community]');
        return (await found.count()) > 0 ? found.first() : undefined;
      },
      { timeoutMs: 60_000 },
    );
    const communityId = (await card.getAttribute('data-community')) as string;
    storyCommunityId = communityId;
    await screenshot(page, 'communities');
    await card.getByRole('link').click();
    await see('[data-share-url]');
    // The share URL and its QR code (drawn in the page) say the same.
    const shareUrl = (await page.locator('[data-share-url]').getAttribute('href')) as string;
    expect(shareUrl).toMatch(/^https:\/\/status\.app\/c[/#]/);
    expect(await page.locator('svg[data-qr] path').getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/);
    expect(await page.locator('svg[data-qr]').getAttribute('data-qr')).toBe(shareUrl);
    await see('[data-live-state=live]');

    // A channel, created in the console; the list follows the community's next description.
    await tab('Channels & messages').click();
    await page.getByLabel('Name', { exact: true }).fill('general');
    await page.getByRole('button', { name: 'Create channel' }).click();
    await see('li[data-channel]', 90_000);
    const channelUuid = (await page
      .locator('li[data-channel]')
      .first()
      .getAttribute('data-channel')) as string;

    await platform.services.waitFor(
      'the description with the channel at the member',
      async () => latestDescription(seen, communityId)?.channels.has(channelUuid) || undefined,
      { timeoutMs: 90_000 },
    );

    await tab('Members & requests').click();
    await see('text=No pending request');
    const alice = new StatusMember('alice');
    const request = alice.requestToJoin(communityId);
    await send({ ...request, payload: base64ToBytes(request.payload), messageId: '' });
    // Live: the request shows up on the open page, nothing reloaded.
    const pending = `li[data-requester="${alice.memberKey}"]`;
    await see(pending);
    await screenshot(page, 'requests');
    await page.locator(pending).getByRole('button', { name: 'Approve' }).click();
    const aliceRow = `tr[data-member="${alice.memberKey}"]`;
    await see(aliceRow);
    await gone(pending);
    // Searched by part of her name, in another case, she is the one member the API answers.
    const members = page.locator('[data-total-members]');
    const everyone = await members.innerText();
    const shown = (rows: number, total: string) => async () =>
      ((await page.locator('tr[data-member]').count()) === rows && (await members.innerText()) === total) ||
      undefined;
    await page.getByLabel('Search members').fill('LIC');
    await platform.services.waitFor('alice found by name', shown(1, '1'));
    await see(aliceRow);
    await page.getByLabel('Search members').fill('');
    await platform.services.waitFor('every member listed again', shown(Number(everyone), everyone));
    await platform.services.waitFor(
      'the acceptance at the member',
      async () => alice.responses(seen).find((answer) => answer.response.accepted),
      { timeoutMs: 60_000 },
    );

    await tab('Channels & messages').click();
    await see(`[data-messages="${channelUuid}"]`);
    const post = alice.post(communityId, channelUuid, 'gm from a Status app, seen in the console');
    await send(post);
    await see(`li[data-message="${post.messageId}"]`);
    expect(await page.locator(`li[data-message="${post.messageId}"]`).innerText()).toContain(
      'gm from a Status app, seen in the console',
    );

    // Structure: a category, and the channel moved into it through its edit form; the list follows the
    // community's next description.
    await page.getByLabel('Category name').fill('news');
    await page.getByRole('button', { name: 'Create category' }).click();
    await see('section[aria-label="Category news"]', 90_000);
    await page.getByRole('button', { name: 'Edit #general' }).click();
    await page
      .getByRole('form', { name: 'Edit #general' })
      .getByLabel('Category')
      .selectOption({ label: 'news' });
    await page.getByRole('button', { name: 'Save #general' }).click();
    await see(`section[aria-label="Category news"] li[data-channel="${channelUuid}"]`, 90_000);
    await screenshot(page, 'channels');

    await tab('Members & requests').click();
    await see(aliceRow);
    await screenshot(page, 'members');
    await page.locator(aliceRow).getByRole('button', { name: 'Ban' }).click();
    await see('[role=status]:has-text("Ban queued")');
    await gone(aliceRow);
    await tab('Bans').click();
    await see(`li[data-banned="${alice.memberKey}"]`);

    // Seeded roll-ups of the three days before today, beside today's real ones: the charts' data must
    // show exactly these numbers on those days.
    const today = Date.parse(dayOf(Date.now()));
    const chatId = communityId + channelUuid;
    const seeded = [3, 2, 1].map((back, index) => ({
      day: new Date(today - back * DAY_MS),
      memberCount: 40 + index * 5,
      messages: 100 + index * 10,
    }));
    await platform.db.prisma.communityDailyStats.createMany({
      data: seeded.map(({ day, memberCount, messages }) => ({
        communityId,
        day,
        memberCount,
        messages,
        joined: 5,
        uniquePosters: 4,
      })),
    });
    await platform.db.prisma.channelDailyStats.createMany({
      data: seeded.map(({ day, messages }) => ({
        channelId: chatId,
        communityId,
        day,
        messages,
        uniquePosters: 4,
      })),
    });
    const seededHour = new Date(today - 2 * DAY_MS + 9 * 3_600_000);
    await platform.db.prisma.hourlyActivity.create({
      data: { communityId, hour: seededHour, messages: 120 },
    });
    await tab('Analytics').click();
    await page.getByLabel('Range').selectOption('7');
    const cell = (chart: string, series: string, day: string) =>
      page.locator(`table[data-chart-table="${chart}"] td[data-series="${series}"][data-day="${day}"]`);
    await see(`table[data-chart-table="messages"] td[data-series="general"]`);
    const readCells = async (chart: string, series: string) =>
      Promise.all(seeded.map(({ day }) => cell(chart, series, dayOf(day.getTime())).textContent()));
    expect(await readCells('messages', 'general')).toEqual(['100', '110', '120']);
    expect(await readCells('members', 'members')).toEqual(['40', '45', '50']);
    // Today's message from the member, counted by the indexer (its roll-up may trail the message a moment).
    await platform.services.waitFor('today in the analytics', async () => {
      if ((await cell('messages', 'general', dayOf(today)).textContent()) === '1') return true;
      await page.getByRole('button', { name: 'Refresh' }).click();
      return undefined;
    });
    const heat = page.locator(
      `table[data-heatmap] td[data-weekday="${seededHour.getUTCDay()}"][data-hour="9"]`,
    );
    expect(await heat.textContent()).toBe('120');
    expect(await heat.getAttribute('class')).toBe('heat-4');
    // uPlot drew each chart: a canvas per figure, as wide as its figure allows.
    const canvases = await page
      .locator('figure[data-chart] canvas')
      .evaluateAll((elements) => elements.map((element) => (element as HTMLCanvasElement).width));
    expect(canvases.length).toBe(3);
    expect(canvases.every((width) => width > 200)).toBe(true);
    await screenshot(page, 'analytics');

    // The key revoked elsewhere: the api closes its live subscription at once (4403), and the console asks for
    // a new key without waiting for its next request.
    await platform.gql(`mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { userErrors { code } } }`, {
      id: createApiKey.apiKey.id,
    });
    await see('#api-key');
    await see('[role=alert] [data-code=UNAUTHENTICATED]');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  it('creates a bot identity and a webhook, sees both listed, deletes the webhook', async () => {
    const { createApiKey } = await platform.gql<{ createApiKey: { secret: string } }>(
      `mutation { createApiKey(input: { name: "operator", scopes: [COMMUNITY_READ, OWNER_CONTROL, ADMIN] }) {
        secret } }`,
    );
    await page.goto(`${platform.consoleUrl}#/bots`);
    await page.getByLabel('API key').fill(createApiKey.secret);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await see('#bots-title');
    // The publisher makes the identity; the page reads its list again until the name shows up.
    await page.getByLabel('Display name').fill('Console Bot');
    await page.getByRole('button', { name: 'Create bot' }).click();
    await see('tr[data-bot-name="Console Bot"]');
    expect(
      await page.locator('tr[data-bot-name="Console Bot"] [data-key]').first().getAttribute('data-key'),
    ).toMatch(/^0x04[0-9a-f]{128}$/);
    // Asked to join, the bot shows in the community once the request-handler stored its request.
    const join = page.getByRole('form', { name: 'Ask to join a community' });
    await join.getByLabel('Bot').selectOption({ label: 'Console Bot' });
    await join.getByLabel('Community').selectOption(storyCommunityId);
    await join.getByRole('button', { name: 'Ask to join' }).click();
    await see(`tr[data-bot-name="Console Bot"] [data-bot-community="${storyCommunityId}"]`, 90_000);
    expect(
      await page
        .locator(`tr[data-bot-name="Console Bot"] [data-bot-community="${storyCommunityId}"]`)
        .innerText(),
    ).toBe('Console story (asked to join)');
    await screenshot(page, 'bots');

    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Webhooks' }).click();
    const url = 'http://127.0.0.1:9/console-e2e';
    await page.getByLabel('URL').fill(url);
    await page.getByLabel('keys rotated').check();
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const row = `tr[data-webhook="${url}"]`;
    await see(row);
    expect(await page.locator('[data-new-webhook-secret]').innerText()).not.toBe('');
    expect(await page.locator(row).innerText()).toContain('keys rotated');
    await screenshot(page, 'webhooks');
    await page.locator(row).getByRole('button', { name: 'Delete' }).click();
    await gone(row);
    await see('[role=status]:has-text("deleted")');
  });
});
