// Every GraphQL document the console sends, in one place: what the console asks of the API is read here.

export const VIEWER = `query Viewer { viewer { key { id name prefix } tenant { name slug } scopes
  rateLimit { limitPerMinute remaining } } }`;

const COMMUNITY_ROW = `id communityId chatKey kind access memberCount encrypted lastPublishedAt
  identity { name description color emoji tags }`;

export const COMMUNITIES = `query Communities($filter: CommunityFilter, $first: Int, $after: String) {
  communities(filter: $filter, first: $first, after: $after) {
    edges { cursor node { ${COMMUNITY_ROW} } } pageInfo { hasNextPage endCursor } } }`;

export const COMMUNITY = `query Community($id: String!) { community(ref: { id: $id }) {
  ${COMMUNITY_ROW} ensOnly clock shareUrl createdAt lastSeenAt
  identity { name description color emoji tags introMessage outroMessage }
  categories { categoryId name position }
  channels { id chatId uuid name description emoji color categoryId position encrypted } } }`;

export const MEMBERS = `query Members($id: String!, $search: String, $role: MemberRole, $first: Int, $after: String) {
  community(ref: { id: $id }) {
  members(search: $search, role: $role, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { memberKey displayName roles state joinedAt } } } } }`;

export const REQUESTS = `query Requests($id: String!, $first: Int, $after: String) { community(ref: { id: $id }) {
  requestsToJoin(state: PENDING, first: $first, after: $after) { pageInfo { hasNextPage endCursor }
    edges { cursor node { requestId requesterKey displayName receivedAt } } } } }`;

export const BANS = `query Bans($id: String!) { community(ref: { id: $id }) {
  bans { memberKey deleteAllMessages bannedAt bannedBy } } }`;

export const MESSAGES = `query Messages($channelId: String!, $first: Int, $after: String) {
  messages(channelId: $channelId, first: $first, after: $after) { pageInfo { hasNextPage endCursor }
    edges { cursor node { messageId authorKey text timestamp edited deleted } } } }`;

export const STATS = `query Stats($id: String!, $range: TimeRange!) { stats(communityId: $id, range: $range) {
  range { from to } totalMessages privateMessages
  membersOverTime { day memberCount joined left }
  messagesPerChannelPerDay { channelId day messages uniquePosters }
  uniquePosters { day daily weekly monthly }
  heatMap { weekday hour messages }
  retention { cohortDay joined posted7d posted30d } } }`;

export const AUDIT_LOG = `query Audit($id: String, $first: Int, $after: String) {
  auditLog(communityId: $id, first: $first, after: $after) { pageInfo { hasNextPage endCursor }
    edges { cursor node { id actor action input result errorCode at } } } }`;

export const API_KEYS = `query ApiKeys { apiKeys { id name prefix scopes communityId createdAt expiresAt revokedAt
  lastUsedAt } }`;

/** The live feed of one community: every event type, with the fields the pages update from. */
export const COMMUNITY_EVENTS = `subscription CommunityEvents($id: String!, $after: ID) {
  events(filter: { communityId: $id }, after: $after) {
    eventId type communityId occurredAt correlationId
    ... on MemberEvent { memberKey roles reason deleteAllMessages }
    ... on RequestEvent { requestId requesterKey decision decidedBy }
    ... on MessageAddedEvent { channelId messageId authorKey text }
    ... on MessageEditedEvent { channelId messageId text }
    ... on MessageDeletedEvent { channelId messageId }
    ... on CommunityUpdatedEvent { memberCount changes } } }`;

/** Changes of any community the key sees: the communities list reads itself again on each. */
export const COMMUNITIES_EVENTS = `subscription CommunitiesEvents($after: ID) {
  events(filter: { types: [COMMUNITY_UPDATED] }, after: $after) { eventId type communityId occurredAt } }`;

const COMMAND = 'command { id } userErrors { code message field }';

export const CREATE_COMMUNITY = `mutation CreateCommunity($input: CreateCommunityInput!) {
  createCommunity(input: $input) { ${COMMAND} } }`;
export const WATCH_COMMUNITY = `mutation Watch($input: WatchCommunityInput!) { watchCommunity(input: $input) { ${COMMAND} } }`;
export const DECIDE_REQUEST = `mutation Decide($input: DecideRequestToJoinInput!) {
  decideRequestToJoin(input: $input) { ${COMMAND} } }`;
export const KICK_MEMBER = `mutation Kick($input: MemberInput!) { kickMember(input: $input) { ${COMMAND} } }`;
export const BAN_MEMBER = `mutation Ban($input: BanMemberInput!) { banMember(input: $input) { ${COMMAND} } }`;
export const UNBAN_MEMBER = `mutation Unban($input: MemberInput!) { unbanMember(input: $input) { ${COMMAND} } }`;
export const CREATE_CHANNEL = `mutation CreateChannel($input: CreateChannelInput!) {
  createChannel(input: $input) { channelId ${COMMAND} } }`;
export const REVOKE_API_KEY = `mutation Revoke($input: RevokeApiKeyInput!) {
  revokeApiKey(input: $input) { apiKey { id revokedAt } userErrors { code message field } } }`;
export const CREATE_API_KEY = `mutation CreateKey($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix } userErrors { code message field } } }`;

export const BOT_IDENTITIES = `query Bots { botIdentities { id publicKey displayName walletAddress createdAt
  communities { state community { communityId identity { name } } } } }`;

/** The communities a bot may act in, for the bots page's pickers. */
export const COMMUNITY_CHOICES = `query CommunityChoices($first: Int, $after: String) {
  communities(first: $first, after: $after) { pageInfo { hasNextPage endCursor }
    edges { cursor node { id communityId kind identity { name } } } } }`;

export const CHANNEL_CHOICES = `query ChannelChoices($id: String!) { community(ref: { id: $id }) {
  channels { uuid name } } }`;

export const CREATE_BOT_IDENTITY = `mutation CreateBot($input: CreateBotIdentityInput!) {
  createBotIdentity(input: $input) { ${COMMAND} } }`;
export const SEND_MESSAGE = `mutation SendMessage($input: SendMessageInput!) { sendMessage(input: $input) { ${COMMAND} } }`;
export const BOT_REQUEST_TO_JOIN = `mutation BotRequestToJoin($input: BotRequestToJoinInput!) {
  botRequestToJoin(input: $input) { ${COMMAND} } }`;

const WEBHOOK_ROW = 'id url events communityId channelId active createdAt';

export const WEBHOOKS = `query Webhooks { webhookSubscriptions { ${WEBHOOK_ROW} } }`;

export const WEBHOOK_DELIVERIES = `query Deliveries($id: ID!, $status: WebhookDeliveryStatus, $first: Int,
  $after: String) { webhookDeliveries(subscriptionId: $id, status: $status, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id eventId eventType status attempts lastStatusCode lastError lastLatencyMs
      nextAttemptAt createdAt deliveredAt deadLetteredAt } } } }`;

export const CREATE_WEBHOOK = `mutation CreateWebhook($input: CreateWebhookSubscriptionInput!) {
  createWebhookSubscription(input: $input) { secret webhookSubscription { ${WEBHOOK_ROW} }
    userErrors { code message field } } }`;
export const DELETE_WEBHOOK = `mutation DeleteWebhook($input: WebhookSubscriptionIdInput!) {
  deleteWebhookSubscription(input: $input) { webhookSubscription { id } userErrors { code message field } } }`;

const CHANNEL_COMMAND = `channelId ${COMMAND}`;
const CATEGORY_COMMAND = `categoryId ${COMMAND}`;
export const UPDATE_CHANNEL = `mutation UpdateChannel($input: UpdateChannelInput!) {
  updateChannel(input: $input) { ${CHANNEL_COMMAND} } }`;
export const REORDER_CHANNEL = `mutation ReorderChannel($input: ReorderChannelInput!) {
  reorderChannel(input: $input) { ${CHANNEL_COMMAND} } }`;
export const DELETE_CHANNEL = `mutation DeleteChannel($input: DeleteChannelInput!) {
  deleteChannel(input: $input) { ${CHANNEL_COMMAND} } }`;
export const UPSERT_CATEGORY = `mutation UpsertCategory($input: UpsertCategoryInput!) {
  upsertCategory(input: $input) { ${CATEGORY_COMMAND} } }`;
export const REORDER_CATEGORY = `mutation ReorderCategory($input: ReorderCategoryInput!) {
  reorderCategory(input: $input) { ${CATEGORY_COMMAND} } }`;
export const DELETE_CATEGORY = `mutation DeleteCategory($input: DeleteCategoryInput!) {
  deleteCategory(input: $input) { ${CATEGORY_COMMAND} } }`;
