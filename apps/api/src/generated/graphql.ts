import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { ApiKey as ApiKeyModel, AuditLogEntry as AuditLogEntryModel, Ban as BanModel, Identity as IdentityModel, Category as CategoryModel, Channel as ChannelModel, Community as CommunityModel, DescriptionSnapshot as DescriptionSnapshotModel, Member as MemberModel, Message as MessageModel, RequestToJoin as RequestToJoinModel, Tenant as TenantModel, WebhookDelivery as WebhookDeliveryModel, WebhookSubscription as WebhookSubscriptionModel } from '@status-communities/db';
import type { BotMembershipModel as BotMembershipModelModel } from '../bots/bot-membership-loader.js';
import type { StatsScope as StatsScopeModel } from '../stats/stats-range.js';
import type { DirectMessageModel as DirectMessageModelModel } from '../direct/direct-message-model.js';
import type { Caller as CallerModel, ApiContext } from '../context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** Unsigned 64-bit integer (Status clocks), as a decimal string. */
  BigInt: { input: string; output: string; }
  /** A calendar day, YYYY-MM-DD (UTC). */
  Date: { input: string; output: string; }
  DateTime: { input: Date; output: Date; }
};

export type AcceptContactRequestInput = {
  botKey: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** `0x04…`, `0x02…`/`0x03…` or `zQ3…`. */
  peerKey: Scalars['String']['input'];
};

/** An API key as listed: never its secret. */
export type ApiKey = Node & {
  __typename?: 'ApiKey';
  /** The only community the key sees, when bound to one. */
  communityId?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  expiresAt?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  lastUsedAt?: Maybe<Scalars['DateTime']['output']>;
  name: Scalars['String']['output'];
  /** The non-secret start of the key, as shown in listings. */
  prefix: Scalars['String']['output'];
  rateLimitPerMinute?: Maybe<Scalars['Int']['output']>;
  revokedAt?: Maybe<Scalars['DateTime']['output']>;
  scopes: Array<ApiScope>;
};

export type ApiScope =
  | 'ADMIN'
  | 'COMMUNITY_READ'
  | 'MESSAGES_READ'
  | 'MESSAGES_WRITE'
  | 'MODERATION_WRITE'
  | 'OWNER_CONTROL';

export type AssignableRole =
  | 'ADMIN'
  | 'TOKEN_MASTER';

export type AuditLogConnection = {
  __typename?: 'AuditLogConnection';
  edges: Array<AuditLogEdge>;
  pageInfo: PageInfo;
};

export type AuditLogEdge = {
  __typename?: 'AuditLogEdge';
  cursor: Scalars['String']['output'];
  node: AuditLogEntry;
};

export type AuditLogEntry = Node & {
  __typename?: 'AuditLogEntry';
  action: Scalars['String']['output'];
  actor: Scalars['String']['output'];
  apiKeyId?: Maybe<Scalars['String']['output']>;
  at: Scalars['DateTime']['output'];
  communityId?: Maybe<Scalars['String']['output']>;
  errorCode?: Maybe<ErrorCode>;
  id: Scalars['ID']['output'];
  /** Summary of the input, secrets redacted. */
  input: Scalars['String']['output'];
  result: AuditResult;
};

export type AuditResult =
  | 'FAILURE'
  | 'SUCCESS';

export type Ban = {
  __typename?: 'Ban';
  bannedAt: Scalars['DateTime']['output'];
  bannedBy?: Maybe<Scalars['String']['output']>;
  deleteAllMessages: Scalars['Boolean']['output'];
  memberKey: Scalars['String']['output'];
};

export type BanMemberInput = {
  communityId: Scalars['String']['input'];
  deleteAllMessages?: InputMaybe<Scalars['Boolean']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  memberKey: Scalars['String']['input'];
};

export type BotIdentity = Node & {
  __typename?: 'BotIdentity';
  /** Communities the caller sees that the bot is a member of or asked to join, by community name. */
  communities: Array<BotMembership>;
  createdAt: Scalars['DateTime']['output'];
  displayName: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  publicKey: Scalars['String']['output'];
  /** Address of the wallet made with the identity, for `botRequestToJoin`'s `revealedAddresses`; null without one. */
  walletAddress?: Maybe<Scalars['String']['output']>;
};

export type BotInChannelInput = {
  /** `0x04…` key of one of the tenant's bot identities. */
  botKey: Scalars['String']['input'];
  /** The channel's uuid. */
  channelId: Scalars['String']['input'];
  communityId: Scalars['String']['input'];
};

export type BotMembership = {
  __typename?: 'BotMembership';
  community: Community;
  joinedAt?: Maybe<Scalars['DateTime']['output']>;
  /** When its latest request to join arrived. */
  requestedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Its roles while a member. */
  roles: Array<MemberRole>;
  state: BotMembershipState;
};

/** Where a bot stands in a community: its membership, or else its latest request to join. */
export type BotMembershipState =
  /** Accepted; the community's description does not list it yet. */
  | 'ACCEPTED'
  | 'BANNED'
  | 'CANCELED'
  | 'DECLINED'
  | 'KICKED'
  | 'LEFT'
  | 'MEMBER'
  | 'PENDING';

export type BotRequestToJoinInput = {
  botKey: Scalars['String']['input'];
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Wallet addresses of the tenant's keyring to reveal: at least one, as status-go requires. */
  revealedAddresses: Array<Scalars['String']['input']>;
};

export type Category = {
  __typename?: 'Category';
  categoryId: Scalars['String']['output'];
  name: Scalars['String']['output'];
  position: Scalars['Int']['output'];
};

export type CategoryCommandPayload = {
  __typename?: 'CategoryCommandPayload';
  categoryId?: Maybe<Scalars['String']['output']>;
  command?: Maybe<PendingCommand>;
  userErrors: Array<UserError>;
};

export type Channel = Node & {
  __typename?: 'Channel';
  categoryId?: Maybe<Scalars['String']['output']>;
  /** Chat id: community id + uuid. */
  chatId: Scalars['String']['output'];
  color: Scalars['String']['output'];
  community: Community;
  deleted: Scalars['Boolean']['output'];
  description: Scalars['String']['output'];
  emoji: Scalars['String']['output'];
  /** Read by its members only: a view-and-post permission, messages under the channel's own key. */
  encrypted: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  position: Scalars['Int']['output'];
  uuid: Scalars['String']['output'];
};

export type ChannelCommandPayload = {
  __typename?: 'ChannelCommandPayload';
  /** The uuid of the channel the command creates or changes. */
  channelId?: Maybe<Scalars['String']['output']>;
  command?: Maybe<PendingCommand>;
  userErrors: Array<UserError>;
};

export type ChannelDayCount = {
  __typename?: 'ChannelDayCount';
  channelId: Scalars['String']['output'];
  day: Scalars['Date']['output'];
  messages: Scalars['Int']['output'];
  uniquePosters: Scalars['Int']['output'];
};

export type ChannelRight =
  | 'POSTER'
  | 'VIEWER';

/** Mutations whose effect appears asynchronously answer with the queued command. */
export type CommandPayload = {
  __typename?: 'CommandPayload';
  command?: Maybe<PendingCommand>;
  userErrors: Array<UserError>;
};

export type Community = Node & {
  __typename?: 'Community';
  access: CommunityAccess;
  bans: Array<Ban>;
  categories: Array<Category>;
  channels: Array<Channel>;
  /** The same key in its `zQ3sh…` form. */
  chatKey: Scalars['String']['output'];
  /** Clock of the description these fields come from. */
  clock: Scalars['BigInt']['output'];
  /** `0x02…`/`0x03…` compressed community key. */
  communityId: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  descriptionHistory: DescriptionSnapshotConnection;
  encrypted: Scalars['Boolean']['output'];
  ensOnly: Scalars['Boolean']['output'];
  id: Scalars['ID']['output'];
  identity: CommunityIdentity;
  kind: CommunityKind;
  lastPublishedAt?: Maybe<Scalars['DateTime']['output']>;
  lastSeenAt?: Maybe<Scalars['DateTime']['output']>;
  memberCount: Scalars['Int']['output'];
  members: MemberConnection;
  /** Token permissions (hosted communities: as last edited; watched ones: empty). */
  permissions: Array<TokenPermission>;
  requestsToJoin: RequestToJoinConnection;
  shareUrl: Scalars['String']['output'];
};


export type CommunityChannelsArgs = {
  includeDeleted?: InputMaybe<Scalars['Boolean']['input']>;
};


export type CommunityDescriptionHistoryArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type CommunityMembersArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  role?: InputMaybe<MemberRole>;
  search?: InputMaybe<Scalars['String']['input']>;
  state?: InputMaybe<MemberState>;
};


export type CommunityRequestsToJoinArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  state?: InputMaybe<RequestToJoinState>;
};

export type CommunityAccess =
  | 'AUTO_ACCEPT'
  | 'INVITATION_ONLY'
  | 'MANUAL_ACCEPT'
  | 'UNKNOWN';

export type CommunityConnection = {
  __typename?: 'CommunityConnection';
  edges: Array<CommunityEdge>;
  pageInfo: PageInfo;
};

export type CommunityEdge = {
  __typename?: 'CommunityEdge';
  cursor: Scalars['String']['output'];
  node: Community;
};

/** A fact of a community, as the platform's event stream announced it. */
export type CommunityEvent = {
  communityId: Scalars['String']['output'];
  /** The Waku message or command that caused it; a mutation's command id for what the API asked. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** The event's id in the stream: subscribe again with `after` set to the last one received to resume. */
  eventId: Scalars['ID']['output'];
  /** When it happened as far as the platform knows (Waku timestamp or decision time). */
  occurredAt: Scalars['DateTime']['output'];
  type: EventType;
};

export type CommunityFilter = {
  access?: InputMaybe<CommunityAccess>;
  kind?: InputMaybe<CommunityKind>;
  tag?: InputMaybe<Scalars['String']['input']>;
  /** Matches the name or description, case-insensitively. */
  text?: InputMaybe<Scalars['String']['input']>;
};

export type CommunityIdentity = {
  __typename?: 'CommunityIdentity';
  color: Scalars['String']['output'];
  description: Scalars['String']['output'];
  emoji: Scalars['String']['output'];
  images: Array<CommunityImage>;
  introMessage: Scalars['String']['output'];
  name: Scalars['String']['output'];
  outroMessage: Scalars['String']['output'];
  tags: Array<Scalars['String']['output']>;
};

export type CommunityIdentityInput = {
  color: Scalars['String']['input'];
  description: Scalars['String']['input'];
  emoji?: InputMaybe<Scalars['String']['input']>;
  introMessage?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  outroMessage?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CommunityIdentityPatch = {
  color?: InputMaybe<Scalars['String']['input']>;
  description?: InputMaybe<Scalars['String']['input']>;
  emoji?: InputMaybe<Scalars['String']['input']>;
  introMessage?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  outroMessage?: InputMaybe<Scalars['String']['input']>;
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CommunityImage = {
  __typename?: 'CommunityImage';
  format: Scalars['String']['output'];
  kind: Scalars['String']['output'];
  size: Scalars['Int']['output'];
};

export type CommunityKind =
  /** Run here as control node. */
  | 'HOSTED'
  /** A public community indexed as a spectator. */
  | 'WATCHED';

/** One of: the `0x…` id, the `zQ3sh…` key, or a status.app share URL. */
export type CommunityRef = {
  chatKey?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['String']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type CommunityStats = {
  __typename?: 'CommunityStats';
  /** 7×24 cells, messages per weekday and hour over the range. */
  heatMap: Array<HeatMapCell>;
  membersOverTime: Array<MemberCountPoint>;
  messagesPerChannelPerDay: Array<ChannelDayCount>;
  privateMessages: Scalars['Int']['output'];
  range: StatsRange;
  retention: Array<RetentionCohort>;
  totalMessages: Scalars['Int']['output'];
  uniquePosters: Array<PostersPoint>;
};

export type CommunityUpdatedEvent = CommunityEvent & Event & {
  __typename?: 'CommunityUpdatedEvent';
  /** Which parts of the description changed; empty for the first description seen. */
  changes: Array<Scalars['String']['output']>;
  clock: Scalars['BigInt']['output'];
  communityId: Scalars['String']['output'];
  correlationId?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  memberCount: Scalars['Int']['output'];
  occurredAt: Scalars['DateTime']['output'];
  type: EventType;
};

export type ContactRequestReceivedEvent = DirectEvent & Event & {
  __typename?: 'ContactRequestReceivedEvent';
  botKey: Scalars['String']['output'];
  clock: Scalars['BigInt']['output'];
  communityId?: Maybe<Scalars['String']['output']>;
  correlationId?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  messageId: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  peerKey: Scalars['String']['output'];
  /** The request's text, when it has one. */
  text?: Maybe<Scalars['String']['output']>;
  type: EventType;
};

export type ContractAddress = {
  __typename?: 'ContractAddress';
  /** `0x…` contract address, lowercase. */
  address: Scalars['String']['output'];
  /** Decimal chain id. */
  chainId: Scalars['String']['output'];
};

export type ContractAddressInput = {
  address: Scalars['String']['input'];
  chainId: Scalars['String']['input'];
};

/** A bot's 1:1 chat with one Status user. */
export type Conversation = {
  __typename?: 'Conversation';
  /** `0x04…` key of the tenant's bot. */
  botKey: Scalars['String']['output'];
  contactState: DirectContactState;
  /** The newest message either way (by clock). */
  lastMessage: DirectMessage;
  /** `0x04…` key of the Status user. */
  peerKey: Scalars['String']['output'];
  /** Whether the user added the bot (as the user's messages tell). */
  theyAddedUs: Scalars['Boolean']['output'];
};

export type ConversationConnection = {
  __typename?: 'ConversationConnection';
  edges: Array<ConversationEdge>;
  pageInfo: PageInfo;
};

export type ConversationEdge = {
  __typename?: 'ConversationEdge';
  cursor: Scalars['String']['output'];
  node: Conversation;
};

export type CreateApiKeyInput = {
  /** Bind the key to one community of the tenant. */
  communityId?: InputMaybe<Scalars['String']['input']>;
  expiresAt?: InputMaybe<Scalars['DateTime']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  rateLimitPerMinute?: InputMaybe<Scalars['Int']['input']>;
  scopes: Array<ApiScope>;
};

export type CreateApiKeyPayload = {
  __typename?: 'CreateApiKeyPayload';
  apiKey?: Maybe<ApiKey>;
  /** The full key, shown this once; only its hash is stored. */
  secret?: Maybe<Scalars['String']['output']>;
  userErrors: Array<UserError>;
};

export type CreateBotIdentityInput = {
  /** 5 to 24 letters, digits, `_`, `-` or inner spaces: receivers drop messages of a bot named otherwise. */
  displayName: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** Also make a wallet key: a request to join reveals at least one address (status-go requires it). */
  withWallet?: InputMaybe<Scalars['Boolean']['input']>;
};

export type CreateChannelInput = {
  categoryId?: InputMaybe<Scalars['String']['input']>;
  color: Scalars['String']['input'];
  communityId: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  emoji?: InputMaybe<Scalars['String']['input']>;
  /** Members-only channel: its own hash-ratchet key, handed to its members. */
  encrypted?: InputMaybe<Scalars['Boolean']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  position?: InputMaybe<Scalars['Int']['input']>;
  viewersCanPostReactions?: InputMaybe<Scalars['Boolean']['input']>;
};

export type CreateCommunityInput = {
  access?: InputMaybe<JoinAccess>;
  /**
   * Members only: a BECOME_MEMBER permission (no token criteria yet), members, channels and messages under
   * hash-ratchet keys the platform hands to each member.
   */
  encrypted?: InputMaybe<Scalars['Boolean']['input']>;
  ensOnly?: InputMaybe<Scalars['Boolean']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  identity: CommunityIdentityInput;
};

export type CreatePermissionInput = {
  /** Channel permissions: full chat ids of the community's channels. */
  chatIds?: InputMaybe<Array<Scalars['String']['input']>>;
  communityId: Scalars['String']['input'];
  criteria: Array<TokenCriterionInput>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  type: TokenPermissionType;
};

export type CreateWebhookSubscriptionInput = {
  /** A channel uuid; needs communityId. */
  channelId?: InputMaybe<Scalars['String']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
  events?: InputMaybe<Array<EventType>>;
  /** A replay answers as the first time, without the secret. */
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** http(s); private and loopback addresses are refused unless the deployment allows them. */
  url: Scalars['String']['input'];
};

export type CreateWebhookSubscriptionPayload = {
  __typename?: 'CreateWebhookSubscriptionPayload';
  /** The signing secret, shown this once. */
  secret?: Maybe<Scalars['String']['output']>;
  userErrors: Array<UserError>;
  webhookSubscription?: Maybe<WebhookSubscription>;
};

export type DecideRequestToJoinInput = {
  communityId: Scalars['String']['input'];
  decision: RequestDecision;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** `0x…` request id. */
  requestId: Scalars['String']['input'];
};

export type DeleteCategoryInput = {
  categoryId: Scalars['String']['input'];
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type DeleteChannelInput = {
  channelId: Scalars['String']['input'];
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type DeleteMessageInput = {
  bot: BotInChannelInput;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  messageId: Scalars['String']['input'];
};

export type DeletePermissionInput = {
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  permissionId: Scalars['String']['input'];
};

export type DeleteWebhookSubscriptionPayload = {
  __typename?: 'DeleteWebhookSubscriptionPayload';
  userErrors: Array<UserError>;
  webhookSubscription?: Maybe<WebhookSubscription>;
};

export type DescriptionSnapshot = {
  __typename?: 'DescriptionSnapshot';
  clock: Scalars['BigInt']['output'];
  memberCount: Scalars['Int']['output'];
  receivedAt: Scalars['DateTime']['output'];
};

export type DescriptionSnapshotConnection = {
  __typename?: 'DescriptionSnapshotConnection';
  edges: Array<DescriptionSnapshotEdge>;
  pageInfo: PageInfo;
};

export type DescriptionSnapshotEdge = {
  __typename?: 'DescriptionSnapshotEdge';
  cursor: Scalars['String']['output'];
  node: DescriptionSnapshot;
};

/** The bot's side of the contact (status-go's contact-request states). */
export type DirectContactState =
  | 'DISMISSED'
  /** Both added each other: the chat shows in the user's app. */
  | 'MUTUAL'
  | 'NONE'
  /** The user sent the bot a contact request, not yet accepted (`acceptContactRequest`). */
  | 'RECEIVED'
  /** The bot sent a contact request, not yet accepted. */
  | 'SENT';

/**
 * A fact of one of the tenant's bots' 1:1 chats with a Status user. Seen only by the bot's tenant, with
 * MESSAGES_READ, through keys not bound to one community.
 */
export type DirectEvent = {
  /** `0x04…` key of the tenant's bot. */
  botKey: Scalars['String']['output'];
  /** Always null: 1:1 chats belong to no community. */
  communityId?: Maybe<Scalars['String']['output']>;
  correlationId?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
  /** `0x04…` key of the Status user. */
  peerKey: Scalars['String']['output'];
  type: EventType;
};

/** A 1:1 message a bot sent or received. */
export type DirectMessage = Node & {
  __typename?: 'DirectMessage';
  /** Outbound: when the user's device acknowledged it; null while it is re-sent (and for inbound messages). */
  acknowledgedAt?: Maybe<Scalars['DateTime']['output']>;
  /** `0x04…` key of the tenant's bot. */
  botKey: Scalars['String']['output'];
  clock: Scalars['BigInt']['output'];
  /** ChatMessage.content_type (0 for messages that are no chat message). */
  contentType: Scalars['Int']['output'];
  direction: DirectMessageDirection;
  id: Scalars['ID']['output'];
  kind: DirectMessageKind;
  /** `0x…` Status message id. */
  messageId: Scalars['String']['output'];
  /** `0x04…` key of the Status user. */
  peerKey: Scalars['String']['output'];
  replyTo?: Maybe<Scalars['String']['output']>;
  /** Waku timestamp (inbound) or send time (outbound). */
  sentAt: Scalars['DateTime']['output'];
  text?: Maybe<Scalars['String']['output']>;
};

/** The peer acknowledged a message the bot sent (MVDS): it reached one of the peer's devices. */
export type DirectMessageAcknowledgedEvent = DirectEvent & Event & {
  __typename?: 'DirectMessageAcknowledgedEvent';
  botKey: Scalars['String']['output'];
  communityId?: Maybe<Scalars['String']['output']>;
  correlationId?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  /** The bot's message that arrived. */
  messageId: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  peerKey: Scalars['String']['output'];
  type: EventType;
};

export type DirectMessageConnection = {
  __typename?: 'DirectMessageConnection';
  edges: Array<DirectMessageEdge>;
  pageInfo: PageInfo;
};

export type DirectMessageDirection =
  /** From the Status user to the bot. */
  | 'INBOUND'
  /** From the bot to the Status user. */
  | 'OUTBOUND';

export type DirectMessageEdge = {
  __typename?: 'DirectMessageEdge';
  cursor: Scalars['String']['output'];
  node: DirectMessage;
};

/** What a 1:1 message is. */
export type DirectMessageKind =
  /** A community share link (text with the `https://status.app/c/…` URL). */
  | 'COMMUNITY_INVITE'
  | 'CONTACT_ACCEPTED'
  | 'CONTACT_REQUEST'
  | 'OTHER'
  | 'REACTION'
  | 'TEXT';

export type DirectMessageReceivedEvent = DirectEvent & Event & {
  __typename?: 'DirectMessageReceivedEvent';
  botKey: Scalars['String']['output'];
  clock: Scalars['BigInt']['output'];
  communityId?: Maybe<Scalars['String']['output']>;
  correlationId?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  kind: DirectMessageKind;
  /** `0x…` Status message id. */
  messageId: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  peerKey: Scalars['String']['output'];
  replyTo?: Maybe<Scalars['String']['output']>;
  /** Text messages and invitations; absent for other content. */
  text?: Maybe<Scalars['String']['output']>;
  type: EventType;
};

export type EditMessageInput = {
  bot: BotInChannelInput;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  messageId: Scalars['String']['input'];
  text: Scalars['String']['input'];
};

export type Emoji =
  | 'ANGRY'
  | 'LAUGH'
  | 'LOVE'
  | 'SAD'
  | 'THUMBS_DOWN'
  | 'THUMBS_UP';

/** Every failure code of the platform; also the value of `extensions.code` of a GraphQL error. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'CHAIN_UNAVAILABLE'
  | 'CONFLICT'
  | 'CURSOR_EXPIRED'
  | 'DECRYPTION_FAILED'
  | 'FORBIDDEN'
  | 'HASH_RATCHET_KEY_NOT_FOUND'
  | 'HASH_RATCHET_SEQ_NO_TOO_HIGH'
  | 'INTERNAL'
  | 'INVALID_CHAT_ID'
  | 'INVALID_CHAT_MESSAGE'
  | 'INVALID_CLOCK'
  | 'INVALID_CONFIG'
  | 'INVALID_DESCRIPTION'
  | 'INVALID_EVENT'
  | 'INVALID_GRANT'
  | 'INVALID_HEX'
  | 'INVALID_JOB_DATA'
  | 'INVALID_KEY'
  | 'INVALID_QUERY'
  | 'INVALID_REQUEST_TO_JOIN'
  | 'INVALID_SEGMENT'
  | 'INVALID_SHARD_INFO'
  | 'INVALID_SIGNATURE'
  | 'INVALID_TOPIC'
  | 'INVALID_URL'
  | 'MALFORMED_PAYLOAD'
  | 'MALFORMED_PROTOBUF'
  | 'NOT_FOUND'
  | 'OVERSIZED_MESSAGE'
  | 'QUERY_TOO_COMPLEX'
  | 'QUERY_TOO_DEEP'
  | 'RATCHET_SKIP_LIMIT'
  | 'RATE_LIMITED'
  | 'REPLAYED_MESSAGE'
  | 'SLOW_CONSUMER'
  | 'UNAUTHENTICATED'
  | 'UNKNOWN_MASTER_KEY'
  | 'UNKNOWN_MESSAGE_TYPE'
  | 'UNSIGNED_ENVELOPE'
  | 'WRONG_SIGNER';

/** What the `events` subscription sends: a fact of a community, or of one of the tenant's bots' 1:1 chats. */
export type Event = {
  /** The community's id; null for a bot's 1:1 events, which belong to no community. */
  communityId?: Maybe<Scalars['String']['output']>;
  /** The Waku message or command that caused it; a mutation's command id for what the API asked. */
  correlationId?: Maybe<Scalars['String']['output']>;
  /** The event's id in the stream: subscribe again with `after` set to the last one received to resume. */
  eventId: Scalars['ID']['output'];
  /** When it happened as far as the platform knows (Waku timestamp or decision time). */
  occurredAt: Scalars['DateTime']['output'];
  type: EventType;
};

export type EventFilter = {
  /** Only this bot's 1:1 events (`0x04…`): community events never match. */
  botKey?: InputMaybe<Scalars['String']['input']>;
  /** Only this channel's (its uuid; needs communityId): events of no channel, like members', never match. */
  channelId?: InputMaybe<Scalars['String']['input']>;
  /** Only this community's events (never a bot's 1:1 events). */
  communityId?: InputMaybe<Scalars['String']['input']>;
  /** Only 1:1 events with this Status user (`0x04…`): community events never match. */
  peerKey?: InputMaybe<Scalars['String']['input']>;
  /** Only these types; all when absent. */
  types?: InputMaybe<Array<EventType>>;
};

/**
 * What an event says happened. The event stream (and a webhook's X-Webhook-Event header) names the same types
 * in lower case with a dot: MESSAGE_ADDED is `message.added`; a bot's 1:1 events are `direct.…`
 * (DIRECT_MESSAGE_RECEIVED is `direct.message_received`, CONTACT_REQUEST_RECEIVED
 * `direct.contact_request_received`, DIRECT_MESSAGE_ACKNOWLEDGED `direct.message_acknowledged`).
 */
export type EventType =
  | 'COMMUNITY_UPDATED'
  /** A Status user sent one of the tenant's bots a contact request. */
  | 'CONTACT_REQUEST_RECEIVED'
  /** The peer's device acknowledged a 1:1 message a bot sent: it arrived. */
  | 'DIRECT_MESSAGE_ACKNOWLEDGED'
  /** A Status user sent one of the tenant's bots a 1:1 message. */
  | 'DIRECT_MESSAGE_RECEIVED'
  | 'KEYS_ROTATED'
  | 'MEMBER_BANNED'
  | 'MEMBER_JOINED'
  | 'MEMBER_KICKED'
  | 'MEMBER_LEFT'
  /** Dropped by the control node: no longer meets the token permissions (reason PERMISSIONS). */
  | 'MEMBER_REMOVED'
  /** The roles granted by token permissions changed. */
  | 'MEMBER_ROLES_CHANGED'
  | 'MEMBER_UNBANNED'
  | 'MESSAGE_ADDED'
  | 'MESSAGE_DELETED'
  | 'MESSAGE_EDITED'
  | 'MESSAGE_PINNED'
  | 'REACTION_CHANGED'
  | 'REQUEST_CANCELED'
  | 'REQUEST_DECIDED'
  | 'REQUEST_RECEIVED';

export type HeatMapCell = {
  __typename?: 'HeatMapCell';
  /** 0…23 (UTC). */
  hour: Scalars['Int']['output'];
  messages: Scalars['Int']['output'];
  /** 0 = Sunday … 6 = Saturday (UTC). */
  weekday: Scalars['Int']['output'];
};

/**
 * Hosts a community whose key is already in the platform's keyring (put there with the CLI on a machine that
 * holds the master key): the API never handles private keys.
 */
export type ImportCommunityInput = {
  access?: InputMaybe<JoinAccess>;
  encrypted?: InputMaybe<Scalars['Boolean']['input']>;
  ensOnly?: InputMaybe<Scalars['Boolean']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  identity: CommunityIdentityInput;
  /** Keyring id of the community key. */
  keyId: Scalars['ID']['input'];
};

export type InviteToCommunityInput = {
  botKey: Scalars['String']['input'];
  /** The community shared (`0x02…`/`0x03…`): one the tenant hosts or the platform watches. */
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** `0x04…`, `0x02…`/`0x03…` or `zQ3…`. */
  peerKey: Scalars['String']['input'];
  /** Text before the share link. */
  text?: InputMaybe<Scalars['String']['input']>;
};

export type JoinAccess =
  | 'AUTO_ACCEPT'
  | 'MANUAL_ACCEPT';

/** A hosted encrypted community's group keys were replaced and handed to its members (never the keys). */
export type KeysRotatedEvent = CommunityEvent & Event & {
  __typename?: 'KeysRotatedEvent';
  /** Clock of the description that carries the new keys. */
  clock: Scalars['BigInt']['output'];
  communityId: Scalars['String']['output'];
  correlationId?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  /** `community` and/or the uuids of the channels whose key is new. */
  groups: Array<Scalars['String']['output']>;
  occurredAt: Scalars['DateTime']['output'];
  /** `members-removed`, `scheduled` (48 h), `admin` (rotateCommunityKeys) or `encrypted` (first keys). */
  reason: Scalars['String']['output'];
  type: EventType;
};

export type Member = {
  __typename?: 'Member';
  /** Channels granted by token permissions, as last evaluated; null: every channel, as poster. */
  channelRights?: Maybe<Array<MemberChannelRight>>;
  /** The name the member's profile showed when it joined (Status: a request's or the app's display name). */
  displayName?: Maybe<Scalars['String']['output']>;
  ensName?: Maybe<Scalars['String']['output']>;
  joinedAt?: Maybe<Scalars['DateTime']['output']>;
  memberKey: Scalars['String']['output'];
  roles: Array<MemberRole>;
  state: MemberState;
};

export type MemberChannelRight = {
  __typename?: 'MemberChannelRight';
  /** Full chat id of the channel. */
  chatId: Scalars['String']['output'];
  right: ChannelRight;
};

export type MemberConnection = {
  __typename?: 'MemberConnection';
  edges: Array<MemberEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MemberCountPoint = {
  __typename?: 'MemberCountPoint';
  day: Scalars['Date']['output'];
  joined: Scalars['Int']['output'];
  left: Scalars['Int']['output'];
  memberCount: Scalars['Int']['output'];
};

export type MemberEdge = {
  __typename?: 'MemberEdge';
  cursor: Scalars['String']['output'];
  node: Member;
};

/** A member joined, left, was kicked, banned, unbanned or removed, or their roles changed. */
export type MemberEvent = CommunityEvent & Event & {
  __typename?: 'MemberEvent';
  communityId: Scalars['String']['output'];
  correlationId?: Maybe<Scalars['String']['output']>;
  /** Bans only: the member's messages are deleted too. */
  deleteAllMessages?: Maybe<Scalars['Boolean']['output']>;
  eventId: Scalars['ID']['output'];
  memberKey: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  /** MEMBER_REMOVED only: why (PERMISSIONS: the token permissions are no longer met). */
  reason?: Maybe<Scalars['String']['output']>;
  /** MEMBER_ROLES_CHANGED only: the roles now. */
  roles?: Maybe<Array<MemberRole>>;
  type: EventType;
};

export type MemberInput = {
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** `0x04…` member key. */
  memberKey: Scalars['String']['input'];
};

export type MemberRole =
  | 'ADMIN'
  | 'OWNER'
  | 'TOKEN_MASTER';

export type MemberState =
  | 'ACTIVE'
  | 'BANNED'
  | 'KICKED'
  | 'LEFT';

export type Message = Node & {
  __typename?: 'Message';
  authorKey: Scalars['String']['output'];
  channel: Channel;
  clock: Scalars['BigInt']['output'];
  contentType: Scalars['Int']['output'];
  deleted: Scalars['Boolean']['output'];
  deletedAt?: Maybe<Scalars['DateTime']['output']>;
  deletedBy?: Maybe<Scalars['String']['output']>;
  editCount: Scalars['Int']['output'];
  edited: Scalars['Boolean']['output'];
  editedAt?: Maybe<Scalars['DateTime']['output']>;
  edits: Array<MessageEdit>;
  id: Scalars['ID']['output'];
  /** `0x…` Status message id. */
  messageId: Scalars['String']['output'];
  originalText: Scalars['String']['output'];
  pinned: Scalars['Boolean']['output'];
  pinnedAt?: Maybe<Scalars['DateTime']['output']>;
  pinnedBy?: Maybe<Scalars['String']['output']>;
  reactions: Array<ReactionCount>;
  replies: MessageConnection;
  replyTo?: Maybe<Message>;
  /** The text as it reads now (after edits; empty once deleted). */
  text: Scalars['String']['output'];
  timestamp: Scalars['DateTime']['output'];
};


export type MessageRepliesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type MessageAddedEvent = CommunityEvent & Event & {
  __typename?: 'MessageAddedEvent';
  authorKey: Scalars['String']['output'];
  /** The channel's uuid. */
  channelId: Scalars['String']['output'];
  clock: Scalars['BigInt']['output'];
  communityId: Scalars['String']['output'];
  correlationId?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  messageId: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  replyTo?: Maybe<Scalars['String']['output']>;
  /** Text messages only; absent for other content and encrypted channels. */
  text?: Maybe<Scalars['String']['output']>;
  type: EventType;
};

export type MessageConnection = {
  __typename?: 'MessageConnection';
  edges: Array<MessageEdge>;
  pageInfo: PageInfo;
};

export type MessageDeletedEvent = CommunityEvent & Event & {
  __typename?: 'MessageDeletedEvent';
  channelId: Scalars['String']['output'];
  communityId: Scalars['String']['output'];
  correlationId?: Maybe<Scalars['String']['output']>;
  deletedBy: Scalars['String']['output'];
  eventId: Scalars['ID']['output'];
  messageId: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  type: EventType;
};

export type MessageEdge = {
  __typename?: 'MessageEdge';
  cursor: Scalars['String']['output'];
  node: Message;
};

export type MessageEdit = {
  __typename?: 'MessageEdit';
  clock: Scalars['BigInt']['output'];
  editorKey: Scalars['String']['output'];
  receivedAt: Scalars['DateTime']['output'];
  text: Scalars['String']['output'];
};

export type MessageEditedEvent = CommunityEvent & Event & {
  __typename?: 'MessageEditedEvent';
  channelId: Scalars['String']['output'];
  clock: Scalars['BigInt']['output'];
  communityId: Scalars['String']['output'];
  correlationId?: Maybe<Scalars['String']['output']>;
  editorKey: Scalars['String']['output'];
  eventId: Scalars['ID']['output'];
  messageId: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  text?: Maybe<Scalars['String']['output']>;
  type: EventType;
};

export type MessagePinnedEvent = CommunityEvent & Event & {
  __typename?: 'MessagePinnedEvent';
  channelId: Scalars['String']['output'];
  communityId: Scalars['String']['output'];
  correlationId?: Maybe<Scalars['String']['output']>;
  eventId: Scalars['ID']['output'];
  messageId: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  /** False when unpinned. */
  pinned: Scalars['Boolean']['output'];
  pinnedBy: Scalars['String']['output'];
  type: EventType;
};

export type Mutation = {
  __typename?: 'Mutation';
  /** The bot accepts the user's contact request (CONTACT_REQUEST_RECEIVED). */
  acceptContactRequest: CommandPayload;
  banMember: CommandPayload;
  botRequestToJoin: CommandPayload;
  createApiKey: CreateApiKeyPayload;
  /**
   * A new bot identity of the caller's tenant (owner:control, keys not bound to a community). The publisher
   * generates its keys in the keyring; it appears in `botIdentities` once made (there is no event for it).
   */
  createBotIdentity: CommandPayload;
  createChannel: ChannelCommandPayload;
  /** Queues the creation; the publisher generates the key. The new community's events carry the command id. */
  createCommunity: CommandPayload;
  /** Adds a token permission; members are re-evaluated once it is stored. */
  createPermission: PermissionPayload;
  createWebhookSubscription: CreateWebhookSubscriptionPayload;
  decideRequestToJoin: CommandPayload;
  deleteCategory: CategoryCommandPayload;
  deleteChannel: ChannelCommandPayload;
  deleteMessage: CommandPayload;
  deletePermission: CommandPayload;
  /** Removes a webhook, its secret and its delivery log. */
  deleteWebhookSubscription: DeleteWebhookSubscriptionPayload;
  editMessage: CommandPayload;
  importCommunity: CommandPayload;
  /** A community share link in a 1:1 chat, as the app sends an invitation (text, unfurled link, shard). */
  inviteToCommunity: CommandPayload;
  kickMember: CommandPayload;
  pinMessage: CommandPayload;
  /** Answers `pong`: the mutation root needs one field of its own. */
  ping: Scalars['String']['output'];
  react: CommandPayload;
  /** Checks every member and held request against the token permissions now (the platform does it every 8 h). */
  reevaluateMembers: CommandPayload;
  reorderCategory: CategoryCommandPayload;
  reorderChannel: ChannelCommandPayload;
  revokeApiKey: RevokeApiKeyPayload;
  /**
   * New hash-ratchet keys for an encrypted community and each encrypted channel, handed to every member; a
   * KEYS_ROTATED event follows the publish. Refused for a community with nothing encrypted.
   */
  rotateCommunityKeys: CommandPayload;
  /** A contact request from a bot, as the app's "Send contact request". */
  sendContactRequest: CommandPayload;
  /**
   * A 1:1 text message from one of the tenant's bots (messages:write, keys not bound to a community), re-sent by
   * the publisher until the user's device acknowledges it (DIRECT_MESSAGE_ACKNOWLEDGED). The user's app shows it
   * once the two are contacts (sendContactRequest / acceptContactRequest).
   */
  sendDirectMessage: CommandPayload;
  sendMessage: CommandPayload;
  setMemberRoles: CommandPayload;
  /** Sends a signed `webhook.ping` event now and reports the answer; not retried, not logged. */
  testWebhook: TestWebhookPayload;
  unbanMember: CommandPayload;
  unwatchCommunity: CommandPayload;
  updateChannel: ChannelCommandPayload;
  updateCommunity: CommandPayload;
  updatePermission: PermissionPayload;
  upsertCategory: CategoryCommandPayload;
  /** Starts indexing any public community. */
  watchCommunity: CommandPayload;
};


export type MutationAcceptContactRequestArgs = {
  input: AcceptContactRequestInput;
};


export type MutationBanMemberArgs = {
  input: BanMemberInput;
};


export type MutationBotRequestToJoinArgs = {
  input: BotRequestToJoinInput;
};


export type MutationCreateApiKeyArgs = {
  input: CreateApiKeyInput;
};


export type MutationCreateBotIdentityArgs = {
  input: CreateBotIdentityInput;
};


export type MutationCreateChannelArgs = {
  input: CreateChannelInput;
};


export type MutationCreateCommunityArgs = {
  input: CreateCommunityInput;
};


export type MutationCreatePermissionArgs = {
  input: CreatePermissionInput;
};


export type MutationCreateWebhookSubscriptionArgs = {
  input: CreateWebhookSubscriptionInput;
};


export type MutationDecideRequestToJoinArgs = {
  input: DecideRequestToJoinInput;
};


export type MutationDeleteCategoryArgs = {
  input: DeleteCategoryInput;
};


export type MutationDeleteChannelArgs = {
  input: DeleteChannelInput;
};


export type MutationDeleteMessageArgs = {
  input: DeleteMessageInput;
};


export type MutationDeletePermissionArgs = {
  input: DeletePermissionInput;
};


export type MutationDeleteWebhookSubscriptionArgs = {
  input: WebhookSubscriptionIdInput;
};


export type MutationEditMessageArgs = {
  input: EditMessageInput;
};


export type MutationImportCommunityArgs = {
  input: ImportCommunityInput;
};


export type MutationInviteToCommunityArgs = {
  input: InviteToCommunityInput;
};


export type MutationKickMemberArgs = {
  input: MemberInput;
};


export type MutationPinMessageArgs = {
  input: PinMessageInput;
};


export type MutationReactArgs = {
  input: ReactInput;
};


export type MutationReevaluateMembersArgs = {
  input: ReevaluateMembersInput;
};


export type MutationReorderCategoryArgs = {
  input: ReorderCategoryInput;
};


export type MutationReorderChannelArgs = {
  input: ReorderChannelInput;
};


export type MutationRevokeApiKeyArgs = {
  input: RevokeApiKeyInput;
};


export type MutationRotateCommunityKeysArgs = {
  input: RotateCommunityKeysInput;
};


export type MutationSendContactRequestArgs = {
  input: SendContactRequestInput;
};


export type MutationSendDirectMessageArgs = {
  input: SendDirectMessageInput;
};


export type MutationSendMessageArgs = {
  input: SendMessageInput;
};


export type MutationSetMemberRolesArgs = {
  input: SetMemberRolesInput;
};


export type MutationTestWebhookArgs = {
  input: WebhookSubscriptionIdInput;
};


export type MutationUnbanMemberArgs = {
  input: MemberInput;
};


export type MutationUnwatchCommunityArgs = {
  input: WatchCommunityInput;
};


export type MutationUpdateChannelArgs = {
  input: UpdateChannelInput;
};


export type MutationUpdateCommunityArgs = {
  input: UpdateCommunityInput;
};


export type MutationUpdatePermissionArgs = {
  input: UpdatePermissionInput;
};


export type MutationUpsertCategoryArgs = {
  input: UpsertCategoryInput;
};


export type MutationWatchCommunityArgs = {
  input: WatchCommunityInput;
};

/** An object with a global id, fetchable with `node(id:)`. */
export type Node = {
  id: Scalars['ID']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** A command queued for a service; its effect appears asynchronously (subscribe, or read again). */
export type PendingCommand = {
  __typename?: 'PendingCommand';
  /** Also the correlation id of the events the command causes. */
  id: Scalars['ID']['output'];
  queue: Scalars['String']['output'];
  type: Scalars['String']['output'];
};

export type PermissionPayload = {
  __typename?: 'PermissionPayload';
  command?: Maybe<PendingCommand>;
  /** The permission as it will be stored (addresses lowercase, the old-reader amount filled). */
  permission?: Maybe<TokenPermission>;
  userErrors: Array<UserError>;
};

export type PinMessageInput = {
  bot: BotInChannelInput;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  messageId: Scalars['String']['input'];
  pinned?: InputMaybe<Scalars['Boolean']['input']>;
};

export type PostersPoint = {
  __typename?: 'PostersPoint';
  /** Distinct posters on that day. */
  daily: Scalars['Int']['output'];
  day: Scalars['Date']['output'];
  /** Distinct posters in the 30 days ending that day. */
  monthly: Scalars['Int']['output'];
  /** Distinct posters in the 7 days ending that day. */
  weekly: Scalars['Int']['output'];
};

export type Query = {
  __typename?: 'Query';
  /** The keys of the caller's tenant (admin). */
  apiKeys: Array<ApiKey>;
  /** The tenant's audit log, newest first (admin). */
  auditLog: AuditLogConnection;
  /** The tenant's bot identities. */
  botIdentities: Array<BotIdentity>;
  /** Hosted communities of the caller's tenant and watched ones, newest first. */
  communities: CommunityConnection;
  community?: Maybe<Community>;
  /** A bot's 1:1 chats, the most recently active first (by their newest message's clock). */
  conversations: ConversationConnection;
  /**
   * A bot's 1:1 messages with one Status user, newest first (by clock). messages:read, keys not bound to a
   * community; another tenant's bot is not found.
   */
  directMessages: DirectMessageConnection;
  message?: Maybe<Message>;
  /** Messages of a channel (its chat id), newest first. */
  messages: MessageConnection;
  /** Any object by its global id. */
  node?: Maybe<Node>;
  /** Answers `pong`: a trivial field for probes and benchmarks. */
  ping: Scalars['String']['output'];
  /** Analytics of a community from the indexer's roll-ups; at most 366 days. */
  stats?: Maybe<CommunityStats>;
  /** The caller: its key, tenant, scopes and rate-limit budget. */
  viewer: Viewer;
  /** The tenant's delivery log, newest first, e.g. its dead letters (admin). */
  webhookDeliveries: WebhookDeliveryConnection;
  /** The tenant's webhooks (admin). */
  webhookSubscriptions: Array<WebhookSubscription>;
};


export type QueryAuditLogArgs = {
  action?: InputMaybe<Scalars['String']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCommunitiesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<CommunityFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCommunityArgs = {
  ref: CommunityRef;
};


export type QueryConversationsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  botKey: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryDirectMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  botKey: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  peerKey: Scalars['String']['input'];
};


export type QueryMessageArgs = {
  messageId: Scalars['String']['input'];
};


export type QueryMessagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  channelId: Scalars['String']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  pinnedOnly?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryStatsArgs = {
  communityId: Scalars['String']['input'];
  range: TimeRange;
};


export type QueryWebhookDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<WebhookDeliveryStatus>;
  subscriptionId?: InputMaybe<Scalars['ID']['input']>;
};

export type RateLimitBudget = {
  __typename?: 'RateLimitBudget';
  limitPerMinute: Scalars['Int']['output'];
  remaining: Scalars['Int']['output'];
  resetAt: Scalars['DateTime']['output'];
};

export type ReactInput = {
  bot: BotInChannelInput;
  emoji: Emoji;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  messageId: Scalars['String']['input'];
  retracted?: InputMaybe<Scalars['Boolean']['input']>;
};

export type ReactionChangedEvent = CommunityEvent & Event & {
  __typename?: 'ReactionChangedEvent';
  channelId: Scalars['String']['output'];
  communityId: Scalars['String']['output'];
  correlationId?: Maybe<Scalars['String']['output']>;
  emoji: Emoji;
  eventId: Scalars['ID']['output'];
  messageId: Scalars['String']['output'];
  occurredAt: Scalars['DateTime']['output'];
  reactorKey: Scalars['String']['output'];
  /** True when the reaction was taken back. */
  retracted: Scalars['Boolean']['output'];
  type: EventType;
};

export type ReactionCount = {
  __typename?: 'ReactionCount';
  count: Scalars['Int']['output'];
  emoji: Emoji;
  /** Keys of the members who reacted (at most 20). */
  memberKeys: Array<Scalars['String']['output']>;
};

export type ReevaluateMembersInput = {
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type ReorderCategoryInput = {
  categoryId: Scalars['String']['input'];
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  position: Scalars['Int']['input'];
};

export type ReorderChannelInput = {
  /** Absent: out of any category. */
  categoryId?: InputMaybe<Scalars['String']['input']>;
  channelId: Scalars['String']['input'];
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  position: Scalars['Int']['input'];
};

export type RequestDecision =
  | 'ACCEPT'
  | 'DECLINE';

/** A request to join was received, decided or canceled. */
export type RequestEvent = CommunityEvent & Event & {
  __typename?: 'RequestEvent';
  communityId: Scalars['String']['output'];
  correlationId?: Maybe<Scalars['String']['output']>;
  /** REQUEST_DECIDED only: `policy` (the community's access rule) or `admin` (through the API). */
  decidedBy?: Maybe<Scalars['String']['output']>;
  /** REQUEST_DECIDED only. */
  decision?: Maybe<RequestDecision>;
  eventId: Scalars['ID']['output'];
  occurredAt: Scalars['DateTime']['output'];
  requestId: Scalars['String']['output'];
  requesterKey: Scalars['String']['output'];
  type: EventType;
};

export type RequestToJoin = Node & {
  __typename?: 'RequestToJoin';
  clock: Scalars['BigInt']['output'];
  decidedAt?: Maybe<Scalars['DateTime']['output']>;
  decidedBy?: Maybe<Scalars['String']['output']>;
  displayName?: Maybe<Scalars['String']['output']>;
  ensName?: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  receivedAt: Scalars['DateTime']['output'];
  requestId: Scalars['String']['output'];
  requesterKey: Scalars['String']['output'];
  state: RequestToJoinState;
};

export type RequestToJoinConnection = {
  __typename?: 'RequestToJoinConnection';
  edges: Array<RequestToJoinEdge>;
  pageInfo: PageInfo;
};

export type RequestToJoinEdge = {
  __typename?: 'RequestToJoinEdge';
  cursor: Scalars['String']['output'];
  node: RequestToJoin;
};

export type RequestToJoinState =
  | 'ACCEPTED'
  | 'CANCELED'
  | 'DECLINED'
  | 'PENDING';

export type RetentionCohort = {
  __typename?: 'RetentionCohort';
  cohortDay: Scalars['Date']['output'];
  joined: Scalars['Int']['output'];
  posted7d: Scalars['Int']['output'];
  posted30d: Scalars['Int']['output'];
};

export type RevokeApiKeyInput = {
  id: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type RevokeApiKeyPayload = {
  __typename?: 'RevokeApiKeyPayload';
  apiKey?: Maybe<ApiKey>;
  userErrors: Array<UserError>;
};

export type RotateCommunityKeysInput = {
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

export type SendContactRequestInput = {
  botKey: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** `0x04…`, `0x02…`/`0x03…` or `zQ3…`. */
  peerKey: Scalars['String']['input'];
  /** The request's text; the app's default when absent. */
  text?: InputMaybe<Scalars['String']['input']>;
};

export type SendDirectMessageInput = {
  /** `0x04…` key of one of the tenant's bot identities. */
  botKey: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  /** The Status user's key: `0x04…`, compressed `0x02…`/`0x03…`, or the app's `zQ3…` chat key. */
  peerKey: Scalars['String']['input'];
  /** `0x…` id of the message answered. */
  replyTo?: InputMaybe<Scalars['String']['input']>;
  text: Scalars['String']['input'];
};

export type SendMessageInput = {
  bot: BotInChannelInput;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  replyTo?: InputMaybe<Scalars['String']['input']>;
  text: Scalars['String']['input'];
};

export type SetMemberRolesInput = {
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  memberKey: Scalars['String']['input'];
  roles: Array<AssignableRole>;
};

export type StatsRange = {
  __typename?: 'StatsRange';
  from: Scalars['Date']['output'];
  to: Scalars['Date']['output'];
};

/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type Subscription = {
  __typename?: 'Subscription';
  communityUpdated: CommunityUpdatedEvent;
  /** Contact requests to the tenant's bots (or to `botKey`). */
  contactRequestReceived: ContactRequestReceivedEvent;
  /** 1:1 messages to the tenant's bots (or to `botKey`, from `peerKey`). */
  directMessageReceived: DirectMessageReceivedEvent;
  /** Every event the key may see, filtered: the general form of the fields below. */
  events: Event;
  memberBanned: MemberEvent;
  memberJoined: MemberEvent;
  memberLeft: MemberEvent;
  messageAdded: MessageAddedEvent;
  messageDeleted: MessageDeletedEvent;
  messageEdited: MessageEditedEvent;
  reactionChanged: ReactionChangedEvent;
  requestDecided: RequestEvent;
  requestReceived: RequestEvent;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionCommunityUpdatedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionContactRequestReceivedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  botKey?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionDirectMessageReceivedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  botKey?: InputMaybe<Scalars['String']['input']>;
  peerKey?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionEventsArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  filter?: InputMaybe<EventFilter>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionMemberBannedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionMemberJoinedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionMemberLeftArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionMessageAddedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  channelId?: InputMaybe<Scalars['String']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionMessageDeletedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  channelId?: InputMaybe<Scalars['String']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionMessageEditedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  channelId?: InputMaybe<Scalars['String']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionReactionChangedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  channelId?: InputMaybe<Scalars['String']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionRequestDecidedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};


/**
 * Live events over graphql-ws, of the communities the key may see: its tenant's hosted ones and every watched
 * one (only its community when the key is bound to one), and of its tenant's bots' 1:1 chats (keys not bound to
 * a community). Message, reaction and 1:1 events need MESSAGES_READ, the others COMMUNITY_READ. `after`: an eventId already received — the events after it come first, then live
 * ones, with no gap and no repeat. A cursor older than the stream keeps fails with CURSOR_EXPIRED; a
 * subscriber that reads slower than events come is closed with SLOW_CONSUMER (resume from its last eventId).
 */
export type SubscriptionRequestReceivedArgs = {
  after?: InputMaybe<Scalars['ID']['input']>;
  communityId?: InputMaybe<Scalars['String']['input']>;
};

export type Tenant = {
  __typename?: 'Tenant';
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
};

/** What the receiver answered to a `webhook.ping` event. */
export type TestWebhookPayload = {
  __typename?: 'TestWebhookPayload';
  delivered: Scalars['Boolean']['output'];
  error?: Maybe<Scalars['String']['output']>;
  /** The ping's X-Webhook-Id. */
  eventId?: Maybe<Scalars['ID']['output']>;
  latencyMs?: Maybe<Scalars['Int']['output']>;
  statusCode?: Maybe<Scalars['Int']['output']>;
  userErrors: Array<UserError>;
};

export type TimeRange = {
  /** First day included (UTC). */
  from: Scalars['Date']['input'];
  /** Last day included (UTC). */
  to: Scalars['Date']['input'];
};

/** One criterion; all criteria of a permission must be met, any one permission of a type is enough. */
export type TokenCriterion = {
  __typename?: 'TokenCriterion';
  /** The same amount for old Status apps (ERC20: amountInWei / 10^decimals). */
  amount: Scalars['String']['output'];
  /** Required raw amount (ERC20: in the token's smallest unit; ERC721: a count), a decimal integer. */
  amountInWei: Scalars['String']['output'];
  contracts: Array<ContractAddress>;
  decimals: Scalars['Int']['output'];
  /** ENS: `name.eth`, or `*.parent.eth` for any name ending so. */
  ensPattern: Scalars['String']['output'];
  name: Scalars['String']['output'];
  symbol: Scalars['String']['output'];
  /** ERC721: holding any of these ids is enough (the amount is ignored). */
  tokenIds: Array<Scalars['String']['output']>;
  type: TokenType;
};

export type TokenCriterionInput = {
  /** ERC20 and ERC721: a positive decimal integer. */
  amountInWei?: InputMaybe<Scalars['String']['input']>;
  /** ERC20 and ERC721: one contract per chain (each chain needs an RPC in CHAIN_RPC_URLS). */
  contracts?: InputMaybe<Array<ContractAddressInput>>;
  decimals?: InputMaybe<Scalars['Int']['input']>;
  ensPattern?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  symbol?: InputMaybe<Scalars['String']['input']>;
  tokenIds?: InputMaybe<Array<Scalars['String']['input']>>;
  type: TokenType;
};

export type TokenPermission = {
  __typename?: 'TokenPermission';
  /** Full chat ids of the channels a channel permission applies to. */
  chatIds: Array<Scalars['String']['output']>;
  criteria: Array<TokenCriterion>;
  id: Scalars['String']['output'];
  isPrivate: Scalars['Boolean']['output'];
  type: TokenPermissionType;
};

export type TokenPermissionType =
  | 'BECOME_ADMIN'
  | 'BECOME_MEMBER'
  | 'BECOME_TOKEN_MASTER'
  | 'BECOME_TOKEN_OWNER'
  | 'CAN_VIEW_AND_POST_CHANNEL'
  | 'CAN_VIEW_CHANNEL'
  | 'UNKNOWN';

export type TokenType =
  | 'ENS'
  | 'ERC20'
  | 'ERC721'
  | 'UNKNOWN';

export type UpdateChannelInput = {
  categoryId?: InputMaybe<Scalars['String']['input']>;
  /** The channel's uuid. */
  channelId: Scalars['String']['input'];
  color: Scalars['String']['input'];
  communityId: Scalars['String']['input'];
  description?: InputMaybe<Scalars['String']['input']>;
  emoji?: InputMaybe<Scalars['String']['input']>;
  /** Absent leaves it as it is. */
  encrypted?: InputMaybe<Scalars['Boolean']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  position?: InputMaybe<Scalars['Int']['input']>;
  viewersCanPostReactions?: InputMaybe<Scalars['Boolean']['input']>;
};

export type UpdateCommunityInput = {
  access?: InputMaybe<JoinAccess>;
  communityId: Scalars['String']['input'];
  /** Turns members-only encryption on or off; absent leaves it. */
  encrypted?: InputMaybe<Scalars['Boolean']['input']>;
  ensOnly?: InputMaybe<Scalars['Boolean']['input']>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  identity?: InputMaybe<CommunityIdentityPatch>;
  pinMessageAllMembersEnabled?: InputMaybe<Scalars['Boolean']['input']>;
};

export type UpdatePermissionInput = {
  chatIds?: InputMaybe<Array<Scalars['String']['input']>>;
  communityId: Scalars['String']['input'];
  criteria: Array<TokenCriterionInput>;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  permissionId: Scalars['String']['input'];
  type: TokenPermissionType;
};

export type UpsertCategoryInput = {
  /** Absent when creating: a new id is chosen. */
  categoryId?: InputMaybe<Scalars['String']['input']>;
  communityId: Scalars['String']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  position?: InputMaybe<Scalars['Int']['input']>;
};

/** An expected failure of a mutation: the input was refused, nothing was done. */
export type UserError = {
  __typename?: 'UserError';
  code: ErrorCode;
  /** Path of the input field at fault, e.g. ["input", "name"]. */
  field?: Maybe<Array<Scalars['String']['output']>>;
  message: Scalars['String']['output'];
};

export type Viewer = {
  __typename?: 'Viewer';
  key: ApiKey;
  rateLimit: RateLimitBudget;
  scopes: Array<ApiScope>;
  tenant: Tenant;
};

export type WatchCommunityInput = {
  community: CommunityRef;
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};

/** One event to one webhook: its attempts and their outcome. */
export type WebhookDelivery = {
  __typename?: 'WebhookDelivery';
  attempts: Scalars['Int']['output'];
  createdAt: Scalars['DateTime']['output'];
  deadLetteredAt?: Maybe<Scalars['DateTime']['output']>;
  deliveredAt?: Maybe<Scalars['DateTime']['output']>;
  eventId: Scalars['ID']['output'];
  eventType: EventType;
  id: Scalars['ID']['output'];
  lastError?: Maybe<Scalars['String']['output']>;
  /** Time to the last attempt's answer (or failure), ms. */
  lastLatencyMs?: Maybe<Scalars['Int']['output']>;
  /** HTTP status of the last attempt; absent when no answer came. */
  lastStatusCode?: Maybe<Scalars['Int']['output']>;
  nextAttemptAt?: Maybe<Scalars['DateTime']['output']>;
  /** The event sent, as JSON. */
  payload: Scalars['String']['output'];
  status: WebhookDeliveryStatus;
  subscriptionId: Scalars['ID']['output'];
};

export type WebhookDeliveryConnection = {
  __typename?: 'WebhookDeliveryConnection';
  edges: Array<WebhookDeliveryEdge>;
  pageInfo: PageInfo;
};

export type WebhookDeliveryEdge = {
  __typename?: 'WebhookDeliveryEdge';
  cursor: Scalars['String']['output'];
  node: WebhookDelivery;
};

export type WebhookDeliveryStatus =
  /** Retries exhausted, or refused by the receiver (a 4xx other than 429): not sent again. */
  | 'DEAD_LETTERED'
  | 'DELIVERED'
  /** Waiting for its first or next attempt. */
  | 'PENDING';

/**
 * A tenant's HTTPS endpoint that receives the same events as subscriptions, as signed POSTs: body
 * `{ id, type, occurredAt, data }`, headers X-Webhook-Id (the eventId, the same across retries),
 * X-Webhook-Event, X-Webhook-Attempt and X-Webhook-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" keyed with the secret>`.
 */
export type WebhookSubscription = {
  __typename?: 'WebhookSubscription';
  active: Scalars['Boolean']['output'];
  channelId?: Maybe<Scalars['String']['output']>;
  communityId?: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  /** This webhook's delivery log, newest first. */
  deliveries: WebhookDeliveryConnection;
  /** Only these types; all when empty. */
  events: Array<EventType>;
  id: Scalars['ID']['output'];
  url: Scalars['String']['output'];
};


/**
 * A tenant's HTTPS endpoint that receives the same events as subscriptions, as signed POSTs: body
 * `{ id, type, occurredAt, data }`, headers X-Webhook-Id (the eventId, the same across retries),
 * X-Webhook-Event, X-Webhook-Attempt and X-Webhook-Signature `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<body>" keyed with the secret>`.
 */
export type WebhookSubscriptionDeliveriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  status?: InputMaybe<WebhookDeliveryStatus>;
};

export type WebhookSubscriptionIdInput = {
  id: Scalars['ID']['input'];
  idempotencyKey?: InputMaybe<Scalars['String']['input']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;




/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  CommunityEvent:
    | ( CommunityUpdatedEvent )
    | ( KeysRotatedEvent )
    | ( MemberEvent )
    | ( MessageAddedEvent )
    | ( MessageDeletedEvent )
    | ( MessageEditedEvent )
    | ( MessagePinnedEvent )
    | ( ReactionChangedEvent )
    | ( RequestEvent )
  ;
  DirectEvent:
    | ( ContactRequestReceivedEvent )
    | ( DirectMessageAcknowledgedEvent )
    | ( DirectMessageReceivedEvent )
  ;
  Event:
    | ( CommunityUpdatedEvent )
    | ( ContactRequestReceivedEvent )
    | ( DirectMessageAcknowledgedEvent )
    | ( DirectMessageReceivedEvent )
    | ( KeysRotatedEvent )
    | ( MemberEvent )
    | ( MessageAddedEvent )
    | ( MessageDeletedEvent )
    | ( MessageEditedEvent )
    | ( MessagePinnedEvent )
    | ( ReactionChangedEvent )
    | ( RequestEvent )
  ;
  Node:
    | ( ApiKeyModel )
    | ( AuditLogEntryModel )
    | ( IdentityModel )
    | ( ChannelModel )
    | ( CommunityModel )
    | ( DirectMessageModelModel )
    | ( MessageModel )
    | ( RequestToJoinModel )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  AcceptContactRequestInput: AcceptContactRequestInput;
  ApiKey: ResolverTypeWrapper<ApiKeyModel>;
  ApiScope: ApiScope;
  AssignableRole: AssignableRole;
  AuditLogConnection: ResolverTypeWrapper<Omit<AuditLogConnection, 'edges'> & { edges: Array<ResolversTypes['AuditLogEdge']> }>;
  AuditLogEdge: ResolverTypeWrapper<Omit<AuditLogEdge, 'node'> & { node: ResolversTypes['AuditLogEntry'] }>;
  AuditLogEntry: ResolverTypeWrapper<AuditLogEntryModel>;
  AuditResult: AuditResult;
  Ban: ResolverTypeWrapper<BanModel>;
  BanMemberInput: BanMemberInput;
  BigInt: ResolverTypeWrapper<Scalars['BigInt']['output']>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  BotIdentity: ResolverTypeWrapper<IdentityModel>;
  BotInChannelInput: BotInChannelInput;
  BotMembership: ResolverTypeWrapper<BotMembershipModelModel>;
  BotMembershipState: BotMembershipState;
  BotRequestToJoinInput: BotRequestToJoinInput;
  Category: ResolverTypeWrapper<CategoryModel>;
  CategoryCommandPayload: ResolverTypeWrapper<CategoryCommandPayload>;
  Channel: ResolverTypeWrapper<ChannelModel>;
  ChannelCommandPayload: ResolverTypeWrapper<ChannelCommandPayload>;
  ChannelDayCount: ResolverTypeWrapper<ChannelDayCount>;
  ChannelRight: ChannelRight;
  CommandPayload: ResolverTypeWrapper<CommandPayload>;
  Community: ResolverTypeWrapper<CommunityModel>;
  CommunityAccess: CommunityAccess;
  CommunityConnection: ResolverTypeWrapper<Omit<CommunityConnection, 'edges'> & { edges: Array<ResolversTypes['CommunityEdge']> }>;
  CommunityEdge: ResolverTypeWrapper<Omit<CommunityEdge, 'node'> & { node: ResolversTypes['Community'] }>;
  CommunityEvent: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['CommunityEvent']>;
  CommunityFilter: CommunityFilter;
  CommunityIdentity: ResolverTypeWrapper<CommunityModel>;
  CommunityIdentityInput: CommunityIdentityInput;
  CommunityIdentityPatch: CommunityIdentityPatch;
  CommunityImage: ResolverTypeWrapper<CommunityImage>;
  CommunityKind: CommunityKind;
  CommunityRef: CommunityRef;
  CommunityStats: ResolverTypeWrapper<StatsScopeModel>;
  CommunityUpdatedEvent: ResolverTypeWrapper<CommunityUpdatedEvent>;
  ContactRequestReceivedEvent: ResolverTypeWrapper<ContactRequestReceivedEvent>;
  ContractAddress: ResolverTypeWrapper<ContractAddress>;
  ContractAddressInput: ContractAddressInput;
  Conversation: ResolverTypeWrapper<Omit<Conversation, 'lastMessage'> & { lastMessage: ResolversTypes['DirectMessage'] }>;
  ConversationConnection: ResolverTypeWrapper<Omit<ConversationConnection, 'edges'> & { edges: Array<ResolversTypes['ConversationEdge']> }>;
  ConversationEdge: ResolverTypeWrapper<Omit<ConversationEdge, 'node'> & { node: ResolversTypes['Conversation'] }>;
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: ResolverTypeWrapper<Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey?: Maybe<ResolversTypes['ApiKey']> }>;
  CreateBotIdentityInput: CreateBotIdentityInput;
  CreateChannelInput: CreateChannelInput;
  CreateCommunityInput: CreateCommunityInput;
  CreatePermissionInput: CreatePermissionInput;
  CreateWebhookSubscriptionInput: CreateWebhookSubscriptionInput;
  CreateWebhookSubscriptionPayload: ResolverTypeWrapper<Omit<CreateWebhookSubscriptionPayload, 'webhookSubscription'> & { webhookSubscription?: Maybe<ResolversTypes['WebhookSubscription']> }>;
  Date: ResolverTypeWrapper<Scalars['Date']['output']>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecideRequestToJoinInput: DecideRequestToJoinInput;
  DeleteCategoryInput: DeleteCategoryInput;
  DeleteChannelInput: DeleteChannelInput;
  DeleteMessageInput: DeleteMessageInput;
  DeletePermissionInput: DeletePermissionInput;
  DeleteWebhookSubscriptionPayload: ResolverTypeWrapper<Omit<DeleteWebhookSubscriptionPayload, 'webhookSubscription'> & { webhookSubscription?: Maybe<ResolversTypes['WebhookSubscription']> }>;
  DescriptionSnapshot: ResolverTypeWrapper<DescriptionSnapshotModel>;
  DescriptionSnapshotConnection: ResolverTypeWrapper<Omit<DescriptionSnapshotConnection, 'edges'> & { edges: Array<ResolversTypes['DescriptionSnapshotEdge']> }>;
  DescriptionSnapshotEdge: ResolverTypeWrapper<Omit<DescriptionSnapshotEdge, 'node'> & { node: ResolversTypes['DescriptionSnapshot'] }>;
  DirectContactState: DirectContactState;
  DirectEvent: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['DirectEvent']>;
  DirectMessage: ResolverTypeWrapper<DirectMessageModelModel>;
  DirectMessageAcknowledgedEvent: ResolverTypeWrapper<DirectMessageAcknowledgedEvent>;
  DirectMessageConnection: ResolverTypeWrapper<Omit<DirectMessageConnection, 'edges'> & { edges: Array<ResolversTypes['DirectMessageEdge']> }>;
  DirectMessageDirection: DirectMessageDirection;
  DirectMessageEdge: ResolverTypeWrapper<Omit<DirectMessageEdge, 'node'> & { node: ResolversTypes['DirectMessage'] }>;
  DirectMessageKind: DirectMessageKind;
  DirectMessageReceivedEvent: ResolverTypeWrapper<DirectMessageReceivedEvent>;
  EditMessageInput: EditMessageInput;
  Emoji: Emoji;
  ErrorCode: ErrorCode;
  Event: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Event']>;
  EventFilter: EventFilter;
  EventType: EventType;
  HeatMapCell: ResolverTypeWrapper<HeatMapCell>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  ImportCommunityInput: ImportCommunityInput;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  InviteToCommunityInput: InviteToCommunityInput;
  JoinAccess: JoinAccess;
  KeysRotatedEvent: ResolverTypeWrapper<KeysRotatedEvent>;
  Member: ResolverTypeWrapper<MemberModel>;
  MemberChannelRight: ResolverTypeWrapper<MemberChannelRight>;
  MemberConnection: ResolverTypeWrapper<Omit<MemberConnection, 'edges'> & { edges: Array<ResolversTypes['MemberEdge']> }>;
  MemberCountPoint: ResolverTypeWrapper<MemberCountPoint>;
  MemberEdge: ResolverTypeWrapper<Omit<MemberEdge, 'node'> & { node: ResolversTypes['Member'] }>;
  MemberEvent: ResolverTypeWrapper<MemberEvent>;
  MemberInput: MemberInput;
  MemberRole: MemberRole;
  MemberState: MemberState;
  Message: ResolverTypeWrapper<MessageModel>;
  MessageAddedEvent: ResolverTypeWrapper<MessageAddedEvent>;
  MessageConnection: ResolverTypeWrapper<Omit<MessageConnection, 'edges'> & { edges: Array<ResolversTypes['MessageEdge']> }>;
  MessageDeletedEvent: ResolverTypeWrapper<MessageDeletedEvent>;
  MessageEdge: ResolverTypeWrapper<Omit<MessageEdge, 'node'> & { node: ResolversTypes['Message'] }>;
  MessageEdit: ResolverTypeWrapper<MessageEdit>;
  MessageEditedEvent: ResolverTypeWrapper<MessageEditedEvent>;
  MessagePinnedEvent: ResolverTypeWrapper<MessagePinnedEvent>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PendingCommand: ResolverTypeWrapper<PendingCommand>;
  PermissionPayload: ResolverTypeWrapper<PermissionPayload>;
  PinMessageInput: PinMessageInput;
  PostersPoint: ResolverTypeWrapper<PostersPoint>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RateLimitBudget: ResolverTypeWrapper<RateLimitBudget>;
  ReactInput: ReactInput;
  ReactionChangedEvent: ResolverTypeWrapper<ReactionChangedEvent>;
  ReactionCount: ResolverTypeWrapper<ReactionCount>;
  ReevaluateMembersInput: ReevaluateMembersInput;
  ReorderCategoryInput: ReorderCategoryInput;
  ReorderChannelInput: ReorderChannelInput;
  RequestDecision: RequestDecision;
  RequestEvent: ResolverTypeWrapper<RequestEvent>;
  RequestToJoin: ResolverTypeWrapper<RequestToJoinModel>;
  RequestToJoinConnection: ResolverTypeWrapper<Omit<RequestToJoinConnection, 'edges'> & { edges: Array<ResolversTypes['RequestToJoinEdge']> }>;
  RequestToJoinEdge: ResolverTypeWrapper<Omit<RequestToJoinEdge, 'node'> & { node: ResolversTypes['RequestToJoin'] }>;
  RequestToJoinState: RequestToJoinState;
  RetentionCohort: ResolverTypeWrapper<RetentionCohort>;
  RevokeApiKeyInput: RevokeApiKeyInput;
  RevokeApiKeyPayload: ResolverTypeWrapper<Omit<RevokeApiKeyPayload, 'apiKey'> & { apiKey?: Maybe<ResolversTypes['ApiKey']> }>;
  RotateCommunityKeysInput: RotateCommunityKeysInput;
  SendContactRequestInput: SendContactRequestInput;
  SendDirectMessageInput: SendDirectMessageInput;
  SendMessageInput: SendMessageInput;
  SetMemberRolesInput: SetMemberRolesInput;
  StatsRange: ResolverTypeWrapper<StatsRange>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Tenant: ResolverTypeWrapper<TenantModel>;
  TestWebhookPayload: ResolverTypeWrapper<TestWebhookPayload>;
  TimeRange: TimeRange;
  TokenCriterion: ResolverTypeWrapper<TokenCriterion>;
  TokenCriterionInput: TokenCriterionInput;
  TokenPermission: ResolverTypeWrapper<TokenPermission>;
  TokenPermissionType: TokenPermissionType;
  TokenType: TokenType;
  UpdateChannelInput: UpdateChannelInput;
  UpdateCommunityInput: UpdateCommunityInput;
  UpdatePermissionInput: UpdatePermissionInput;
  UpsertCategoryInput: UpsertCategoryInput;
  UserError: ResolverTypeWrapper<UserError>;
  Viewer: ResolverTypeWrapper<CallerModel>;
  WatchCommunityInput: WatchCommunityInput;
  WebhookDelivery: ResolverTypeWrapper<WebhookDeliveryModel>;
  WebhookDeliveryConnection: ResolverTypeWrapper<Omit<WebhookDeliveryConnection, 'edges'> & { edges: Array<ResolversTypes['WebhookDeliveryEdge']> }>;
  WebhookDeliveryEdge: ResolverTypeWrapper<Omit<WebhookDeliveryEdge, 'node'> & { node: ResolversTypes['WebhookDelivery'] }>;
  WebhookDeliveryStatus: WebhookDeliveryStatus;
  WebhookSubscription: ResolverTypeWrapper<WebhookSubscriptionModel>;
  WebhookSubscriptionIdInput: WebhookSubscriptionIdInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  AcceptContactRequestInput: AcceptContactRequestInput;
  ApiKey: ApiKeyModel;
  AuditLogConnection: Omit<AuditLogConnection, 'edges'> & { edges: Array<ResolversParentTypes['AuditLogEdge']> };
  AuditLogEdge: Omit<AuditLogEdge, 'node'> & { node: ResolversParentTypes['AuditLogEntry'] };
  AuditLogEntry: AuditLogEntryModel;
  Ban: BanModel;
  BanMemberInput: BanMemberInput;
  BigInt: Scalars['BigInt']['output'];
  Boolean: Scalars['Boolean']['output'];
  BotIdentity: IdentityModel;
  BotInChannelInput: BotInChannelInput;
  BotMembership: BotMembershipModelModel;
  BotRequestToJoinInput: BotRequestToJoinInput;
  Category: CategoryModel;
  CategoryCommandPayload: CategoryCommandPayload;
  Channel: ChannelModel;
  ChannelCommandPayload: ChannelCommandPayload;
  ChannelDayCount: ChannelDayCount;
  CommandPayload: CommandPayload;
  Community: CommunityModel;
  CommunityConnection: Omit<CommunityConnection, 'edges'> & { edges: Array<ResolversParentTypes['CommunityEdge']> };
  CommunityEdge: Omit<CommunityEdge, 'node'> & { node: ResolversParentTypes['Community'] };
  CommunityEvent: ResolversInterfaceTypes<ResolversParentTypes>['CommunityEvent'];
  CommunityFilter: CommunityFilter;
  CommunityIdentity: CommunityModel;
  CommunityIdentityInput: CommunityIdentityInput;
  CommunityIdentityPatch: CommunityIdentityPatch;
  CommunityImage: CommunityImage;
  CommunityRef: CommunityRef;
  CommunityStats: StatsScopeModel;
  CommunityUpdatedEvent: CommunityUpdatedEvent;
  ContactRequestReceivedEvent: ContactRequestReceivedEvent;
  ContractAddress: ContractAddress;
  ContractAddressInput: ContractAddressInput;
  Conversation: Omit<Conversation, 'lastMessage'> & { lastMessage: ResolversParentTypes['DirectMessage'] };
  ConversationConnection: Omit<ConversationConnection, 'edges'> & { edges: Array<ResolversParentTypes['ConversationEdge']> };
  ConversationEdge: Omit<ConversationEdge, 'node'> & { node: ResolversParentTypes['Conversation'] };
  CreateApiKeyInput: CreateApiKeyInput;
  CreateApiKeyPayload: Omit<CreateApiKeyPayload, 'apiKey'> & { apiKey?: Maybe<ResolversParentTypes['ApiKey']> };
  CreateBotIdentityInput: CreateBotIdentityInput;
  CreateChannelInput: CreateChannelInput;
  CreateCommunityInput: CreateCommunityInput;
  CreatePermissionInput: CreatePermissionInput;
  CreateWebhookSubscriptionInput: CreateWebhookSubscriptionInput;
  CreateWebhookSubscriptionPayload: Omit<CreateWebhookSubscriptionPayload, 'webhookSubscription'> & { webhookSubscription?: Maybe<ResolversParentTypes['WebhookSubscription']> };
  Date: Scalars['Date']['output'];
  DateTime: Scalars['DateTime']['output'];
  DecideRequestToJoinInput: DecideRequestToJoinInput;
  DeleteCategoryInput: DeleteCategoryInput;
  DeleteChannelInput: DeleteChannelInput;
  DeleteMessageInput: DeleteMessageInput;
  DeletePermissionInput: DeletePermissionInput;
  DeleteWebhookSubscriptionPayload: Omit<DeleteWebhookSubscriptionPayload, 'webhookSubscription'> & { webhookSubscription?: Maybe<ResolversParentTypes['WebhookSubscription']> };
  DescriptionSnapshot: DescriptionSnapshotModel;
  DescriptionSnapshotConnection: Omit<DescriptionSnapshotConnection, 'edges'> & { edges: Array<ResolversParentTypes['DescriptionSnapshotEdge']> };
  DescriptionSnapshotEdge: Omit<DescriptionSnapshotEdge, 'node'> & { node: ResolversParentTypes['DescriptionSnapshot'] };
  DirectEvent: ResolversInterfaceTypes<ResolversParentTypes>['DirectEvent'];
  DirectMessage: DirectMessageModelModel;
  DirectMessageAcknowledgedEvent: DirectMessageAcknowledgedEvent;
  DirectMessageConnection: Omit<DirectMessageConnection, 'edges'> & { edges: Array<ResolversParentTypes['DirectMessageEdge']> };
  DirectMessageEdge: Omit<DirectMessageEdge, 'node'> & { node: ResolversParentTypes['DirectMessage'] };
  DirectMessageReceivedEvent: DirectMessageReceivedEvent;
  EditMessageInput: EditMessageInput;
  Event: ResolversInterfaceTypes<ResolversParentTypes>['Event'];
  EventFilter: EventFilter;
  HeatMapCell: HeatMapCell;
  ID: Scalars['ID']['output'];
  ImportCommunityInput: ImportCommunityInput;
  Int: Scalars['Int']['output'];
  InviteToCommunityInput: InviteToCommunityInput;
  KeysRotatedEvent: KeysRotatedEvent;
  Member: MemberModel;
  MemberChannelRight: MemberChannelRight;
  MemberConnection: Omit<MemberConnection, 'edges'> & { edges: Array<ResolversParentTypes['MemberEdge']> };
  MemberCountPoint: MemberCountPoint;
  MemberEdge: Omit<MemberEdge, 'node'> & { node: ResolversParentTypes['Member'] };
  MemberEvent: MemberEvent;
  MemberInput: MemberInput;
  Message: MessageModel;
  MessageAddedEvent: MessageAddedEvent;
  MessageConnection: Omit<MessageConnection, 'edges'> & { edges: Array<ResolversParentTypes['MessageEdge']> };
  MessageDeletedEvent: MessageDeletedEvent;
  MessageEdge: Omit<MessageEdge, 'node'> & { node: ResolversParentTypes['Message'] };
  MessageEdit: MessageEdit;
  MessageEditedEvent: MessageEditedEvent;
  MessagePinnedEvent: MessagePinnedEvent;
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  PageInfo: PageInfo;
  PendingCommand: PendingCommand;
  PermissionPayload: PermissionPayload;
  PinMessageInput: PinMessageInput;
  PostersPoint: PostersPoint;
  Query: Record<PropertyKey, never>;
  RateLimitBudget: RateLimitBudget;
  ReactInput: ReactInput;
  ReactionChangedEvent: ReactionChangedEvent;
  ReactionCount: ReactionCount;
  ReevaluateMembersInput: ReevaluateMembersInput;
  ReorderCategoryInput: ReorderCategoryInput;
  ReorderChannelInput: ReorderChannelInput;
  RequestEvent: RequestEvent;
  RequestToJoin: RequestToJoinModel;
  RequestToJoinConnection: Omit<RequestToJoinConnection, 'edges'> & { edges: Array<ResolversParentTypes['RequestToJoinEdge']> };
  RequestToJoinEdge: Omit<RequestToJoinEdge, 'node'> & { node: ResolversParentTypes['RequestToJoin'] };
  RetentionCohort: RetentionCohort;
  RevokeApiKeyInput: RevokeApiKeyInput;
  RevokeApiKeyPayload: Omit<RevokeApiKeyPayload, 'apiKey'> & { apiKey?: Maybe<ResolversParentTypes['ApiKey']> };
  RotateCommunityKeysInput: RotateCommunityKeysInput;
  SendContactRequestInput: SendContactRequestInput;
  SendDirectMessageInput: SendDirectMessageInput;
  SendMessageInput: SendMessageInput;
  SetMemberRolesInput: SetMemberRolesInput;
  StatsRange: StatsRange;
  String: Scalars['String']['output'];
  Subscription: Record<PropertyKey, never>;
  Tenant: TenantModel;
  TestWebhookPayload: TestWebhookPayload;
  TimeRange: TimeRange;
  TokenCriterion: TokenCriterion;
  TokenCriterionInput: TokenCriterionInput;
  TokenPermission: TokenPermission;
  UpdateChannelInput: UpdateChannelInput;
  UpdateCommunityInput: UpdateCommunityInput;
  UpdatePermissionInput: UpdatePermissionInput;
  UpsertCategoryInput: UpsertCategoryInput;
  UserError: UserError;
  Viewer: CallerModel;
  WatchCommunityInput: WatchCommunityInput;
  WebhookDelivery: WebhookDeliveryModel;
  WebhookDeliveryConnection: Omit<WebhookDeliveryConnection, 'edges'> & { edges: Array<ResolversParentTypes['WebhookDeliveryEdge']> };
  WebhookDeliveryEdge: Omit<WebhookDeliveryEdge, 'node'> & { node: ResolversParentTypes['WebhookDelivery'] };
  WebhookSubscription: WebhookSubscriptionModel;
  WebhookSubscriptionIdInput: WebhookSubscriptionIdInput;
};

export type ApiKeyResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ApiKey'] = ResolversParentTypes['ApiKey']> = {
  communityId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastUsedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prefix?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  rateLimitPerMinute?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  revokedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['ApiScope']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuditLogConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AuditLogConnection'] = ResolversParentTypes['AuditLogConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuditLogEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type AuditLogEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AuditLogEdge'] = ResolversParentTypes['AuditLogEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['AuditLogEntry'], ParentType, ContextType>;
};

export type AuditLogEntryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['AuditLogEntry'] = ResolversParentTypes['AuditLogEntry']> = {
  action?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  actor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  apiKeyId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  communityId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  errorCode?: Resolver<Maybe<ResolversTypes['ErrorCode']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  input?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  result?: Resolver<ResolversTypes['AuditResult'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BanResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Ban'] = ResolversParentTypes['Ban']> = {
  bannedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  bannedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  deleteAllMessages?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  memberKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export interface BigIntScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['BigInt'], any> {
  name: 'BigInt';
}

export type BotIdentityResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BotIdentity'] = ResolversParentTypes['BotIdentity']> = {
  communities?: Resolver<Array<ResolversTypes['BotMembership']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  displayName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  publicKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  walletAddress?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type BotMembershipResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['BotMembership'] = ResolversParentTypes['BotMembership']> = {
  community?: Resolver<ResolversTypes['Community'], ParentType, ContextType>;
  joinedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  requestedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['MemberRole']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['BotMembershipState'], ParentType, ContextType>;
};

export type CategoryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category']> = {
  categoryId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CategoryCommandPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CategoryCommandPayload'] = ResolversParentTypes['CategoryCommandPayload']> = {
  categoryId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  command?: Resolver<Maybe<ResolversTypes['PendingCommand']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ChannelResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Channel'] = ResolversParentTypes['Channel']> = {
  categoryId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  chatId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  color?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  community?: Resolver<ResolversTypes['Community'], ParentType, ContextType>;
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  emoji?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  encrypted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uuid?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ChannelCommandPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ChannelCommandPayload'] = ResolversParentTypes['ChannelCommandPayload']> = {
  channelId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  command?: Resolver<Maybe<ResolversTypes['PendingCommand']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type ChannelDayCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ChannelDayCount'] = ResolversParentTypes['ChannelDayCount']> = {
  channelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  day?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  messages?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uniquePosters?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CommandPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CommandPayload'] = ResolversParentTypes['CommandPayload']> = {
  command?: Resolver<Maybe<ResolversTypes['PendingCommand']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CommunityResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Community'] = ResolversParentTypes['Community']> = {
  access?: Resolver<ResolversTypes['CommunityAccess'], ParentType, ContextType>;
  bans?: Resolver<Array<ResolversTypes['Ban']>, ParentType, ContextType>;
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  channels?: Resolver<Array<ResolversTypes['Channel']>, ParentType, ContextType, RequireFields<CommunityChannelsArgs, 'includeDeleted'>>;
  chatKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  descriptionHistory?: Resolver<ResolversTypes['DescriptionSnapshotConnection'], ParentType, ContextType, Partial<CommunityDescriptionHistoryArgs>>;
  encrypted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  ensOnly?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  identity?: Resolver<ResolversTypes['CommunityIdentity'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['CommunityKind'], ParentType, ContextType>;
  lastPublishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  lastSeenAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  memberCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  members?: Resolver<ResolversTypes['MemberConnection'], ParentType, ContextType, RequireFields<CommunityMembersArgs, 'state'>>;
  permissions?: Resolver<Array<ResolversTypes['TokenPermission']>, ParentType, ContextType>;
  requestsToJoin?: Resolver<ResolversTypes['RequestToJoinConnection'], ParentType, ContextType, RequireFields<CommunityRequestsToJoinArgs, 'state'>>;
  shareUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CommunityConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CommunityConnection'] = ResolversParentTypes['CommunityConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CommunityEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type CommunityEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CommunityEdge'] = ResolversParentTypes['CommunityEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Community'], ParentType, ContextType>;
};

export type CommunityEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CommunityEvent'] = ResolversParentTypes['CommunityEvent']> = {
  __resolveType: TypeResolveFn<'CommunityUpdatedEvent' | 'KeysRotatedEvent' | 'MemberEvent' | 'MessageAddedEvent' | 'MessageDeletedEvent' | 'MessageEditedEvent' | 'MessagePinnedEvent' | 'ReactionChangedEvent' | 'RequestEvent', ParentType, ContextType>;
};

export type CommunityIdentityResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CommunityIdentity'] = ResolversParentTypes['CommunityIdentity']> = {
  color?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  emoji?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  images?: Resolver<Array<ResolversTypes['CommunityImage']>, ParentType, ContextType>;
  introMessage?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  outroMessage?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type CommunityImageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CommunityImage'] = ResolversParentTypes['CommunityImage']> = {
  format?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CommunityStatsResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CommunityStats'] = ResolversParentTypes['CommunityStats']> = {
  heatMap?: Resolver<Array<ResolversTypes['HeatMapCell']>, ParentType, ContextType>;
  membersOverTime?: Resolver<Array<ResolversTypes['MemberCountPoint']>, ParentType, ContextType>;
  messagesPerChannelPerDay?: Resolver<Array<ResolversTypes['ChannelDayCount']>, ParentType, ContextType>;
  privateMessages?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  range?: Resolver<ResolversTypes['StatsRange'], ParentType, ContextType>;
  retention?: Resolver<Array<ResolversTypes['RetentionCohort']>, ParentType, ContextType>;
  totalMessages?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  uniquePosters?: Resolver<Array<ResolversTypes['PostersPoint']>, ParentType, ContextType>;
};

export type CommunityUpdatedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CommunityUpdatedEvent'] = ResolversParentTypes['CommunityUpdatedEvent']> = {
  changes?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ContactRequestReceivedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ContactRequestReceivedEvent'] = ResolversParentTypes['ContactRequestReceivedEvent']> = {
  botKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  communityId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  peerKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ContractAddressResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ContractAddress'] = ResolversParentTypes['ContractAddress']> = {
  address?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  chainId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ConversationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Conversation'] = ResolversParentTypes['Conversation']> = {
  botKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  contactState?: Resolver<ResolversTypes['DirectContactState'], ParentType, ContextType>;
  lastMessage?: Resolver<ResolversTypes['DirectMessage'], ParentType, ContextType>;
  peerKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  theyAddedUs?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
};

export type ConversationConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ConversationConnection'] = ResolversParentTypes['ConversationConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ConversationEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type ConversationEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ConversationEdge'] = ResolversParentTypes['ConversationEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Conversation'], ParentType, ContextType>;
};

export type CreateApiKeyPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CreateApiKeyPayload'] = ResolversParentTypes['CreateApiKeyPayload']> = {
  apiKey?: Resolver<Maybe<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  secret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type CreateWebhookSubscriptionPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['CreateWebhookSubscriptionPayload'] = ResolversParentTypes['CreateWebhookSubscriptionPayload']> = {
  secret?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  webhookSubscription?: Resolver<Maybe<ResolversTypes['WebhookSubscription']>, ParentType, ContextType>;
};

export interface DateScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['Date'], any> {
  name: 'Date';
}

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeleteWebhookSubscriptionPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DeleteWebhookSubscriptionPayload'] = ResolversParentTypes['DeleteWebhookSubscriptionPayload']> = {
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
  webhookSubscription?: Resolver<Maybe<ResolversTypes['WebhookSubscription']>, ParentType, ContextType>;
};

export type DescriptionSnapshotResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DescriptionSnapshot'] = ResolversParentTypes['DescriptionSnapshot']> = {
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  memberCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  receivedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type DescriptionSnapshotConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DescriptionSnapshotConnection'] = ResolversParentTypes['DescriptionSnapshotConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DescriptionSnapshotEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type DescriptionSnapshotEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DescriptionSnapshotEdge'] = ResolversParentTypes['DescriptionSnapshotEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DescriptionSnapshot'], ParentType, ContextType>;
};

export type DirectEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DirectEvent'] = ResolversParentTypes['DirectEvent']> = {
  __resolveType: TypeResolveFn<'ContactRequestReceivedEvent' | 'DirectMessageAcknowledgedEvent' | 'DirectMessageReceivedEvent', ParentType, ContextType>;
};

export type DirectMessageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DirectMessage'] = ResolversParentTypes['DirectMessage']> = {
  acknowledgedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  botKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  contentType?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['DirectMessageDirection'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DirectMessageKind'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  peerKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  replyTo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sentAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DirectMessageAcknowledgedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DirectMessageAcknowledgedEvent'] = ResolversParentTypes['DirectMessageAcknowledgedEvent']> = {
  botKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  communityId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  peerKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type DirectMessageConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DirectMessageConnection'] = ResolversParentTypes['DirectMessageConnection']> = {
  edges?: Resolver<Array<ResolversTypes['DirectMessageEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type DirectMessageEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DirectMessageEdge'] = ResolversParentTypes['DirectMessageEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['DirectMessage'], ParentType, ContextType>;
};

export type DirectMessageReceivedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['DirectMessageReceivedEvent'] = ResolversParentTypes['DirectMessageReceivedEvent']> = {
  botKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  communityId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['DirectMessageKind'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  peerKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  replyTo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type EventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Event'] = ResolversParentTypes['Event']> = {
  __resolveType: TypeResolveFn<'CommunityUpdatedEvent' | 'ContactRequestReceivedEvent' | 'DirectMessageAcknowledgedEvent' | 'DirectMessageReceivedEvent' | 'KeysRotatedEvent' | 'MemberEvent' | 'MessageAddedEvent' | 'MessageDeletedEvent' | 'MessageEditedEvent' | 'MessagePinnedEvent' | 'ReactionChangedEvent' | 'RequestEvent', ParentType, ContextType>;
};

export type HeatMapCellResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['HeatMapCell'] = ResolversParentTypes['HeatMapCell']> = {
  hour?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  messages?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weekday?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type KeysRotatedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['KeysRotatedEvent'] = ResolversParentTypes['KeysRotatedEvent']> = {
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  groups?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MemberResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Member'] = ResolversParentTypes['Member']> = {
  channelRights?: Resolver<Maybe<Array<ResolversTypes['MemberChannelRight']>>, ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ensName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  joinedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  memberKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  roles?: Resolver<Array<ResolversTypes['MemberRole']>, ParentType, ContextType>;
  state?: Resolver<ResolversTypes['MemberState'], ParentType, ContextType>;
};

export type MemberChannelRightResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MemberChannelRight'] = ResolversParentTypes['MemberChannelRight']> = {
  chatId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  right?: Resolver<ResolversTypes['ChannelRight'], ParentType, ContextType>;
};

export type MemberConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MemberConnection'] = ResolversParentTypes['MemberConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MemberEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MemberCountPointResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MemberCountPoint'] = ResolversParentTypes['MemberCountPoint']> = {
  day?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  joined?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  left?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  memberCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MemberEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MemberEdge'] = ResolversParentTypes['MemberEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Member'], ParentType, ContextType>;
};

export type MemberEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MemberEvent'] = ResolversParentTypes['MemberEvent']> = {
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  deleteAllMessages?: Resolver<Maybe<ResolversTypes['Boolean']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  memberKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  roles?: Resolver<Maybe<Array<ResolversTypes['MemberRole']>>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MessageResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Message'] = ResolversParentTypes['Message']> = {
  authorKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  channel?: Resolver<ResolversTypes['Channel'], ParentType, ContextType>;
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  contentType?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deleted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  deletedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deletedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  editCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  edited?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  editedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  edits?: Resolver<Array<ResolversTypes['MessageEdit']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  originalText?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  pinned?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pinnedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  pinnedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  reactions?: Resolver<Array<ResolversTypes['ReactionCount']>, ParentType, ContextType>;
  replies?: Resolver<ResolversTypes['MessageConnection'], ParentType, ContextType, Partial<MessageRepliesArgs>>;
  replyTo?: Resolver<Maybe<ResolversTypes['Message']>, ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MessageAddedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MessageAddedEvent'] = ResolversParentTypes['MessageAddedEvent']> = {
  authorKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  channelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  replyTo?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MessageConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MessageConnection'] = ResolversParentTypes['MessageConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MessageEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type MessageDeletedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MessageDeletedEvent'] = ResolversParentTypes['MessageDeletedEvent']> = {
  channelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  deletedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MessageEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MessageEdge'] = ResolversParentTypes['MessageEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Message'], ParentType, ContextType>;
};

export type MessageEditResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MessageEdit'] = ResolversParentTypes['MessageEdit']> = {
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  editorKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  receivedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  text?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type MessageEditedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MessageEditedEvent'] = ResolversParentTypes['MessageEditedEvent']> = {
  channelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  editorKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  text?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MessagePinnedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['MessagePinnedEvent'] = ResolversParentTypes['MessagePinnedEvent']> = {
  channelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  pinned?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  pinnedBy?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MutationResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  acceptContactRequest?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationAcceptContactRequestArgs, 'input'>>;
  banMember?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationBanMemberArgs, 'input'>>;
  botRequestToJoin?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationBotRequestToJoinArgs, 'input'>>;
  createApiKey?: Resolver<ResolversTypes['CreateApiKeyPayload'], ParentType, ContextType, RequireFields<MutationCreateApiKeyArgs, 'input'>>;
  createBotIdentity?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationCreateBotIdentityArgs, 'input'>>;
  createChannel?: Resolver<ResolversTypes['ChannelCommandPayload'], ParentType, ContextType, RequireFields<MutationCreateChannelArgs, 'input'>>;
  createCommunity?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationCreateCommunityArgs, 'input'>>;
  createPermission?: Resolver<ResolversTypes['PermissionPayload'], ParentType, ContextType, RequireFields<MutationCreatePermissionArgs, 'input'>>;
  createWebhookSubscription?: Resolver<ResolversTypes['CreateWebhookSubscriptionPayload'], ParentType, ContextType, RequireFields<MutationCreateWebhookSubscriptionArgs, 'input'>>;
  decideRequestToJoin?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationDecideRequestToJoinArgs, 'input'>>;
  deleteCategory?: Resolver<ResolversTypes['CategoryCommandPayload'], ParentType, ContextType, RequireFields<MutationDeleteCategoryArgs, 'input'>>;
  deleteChannel?: Resolver<ResolversTypes['ChannelCommandPayload'], ParentType, ContextType, RequireFields<MutationDeleteChannelArgs, 'input'>>;
  deleteMessage?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationDeleteMessageArgs, 'input'>>;
  deletePermission?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationDeletePermissionArgs, 'input'>>;
  deleteWebhookSubscription?: Resolver<ResolversTypes['DeleteWebhookSubscriptionPayload'], ParentType, ContextType, RequireFields<MutationDeleteWebhookSubscriptionArgs, 'input'>>;
  editMessage?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationEditMessageArgs, 'input'>>;
  importCommunity?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationImportCommunityArgs, 'input'>>;
  inviteToCommunity?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationInviteToCommunityArgs, 'input'>>;
  kickMember?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationKickMemberArgs, 'input'>>;
  pinMessage?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationPinMessageArgs, 'input'>>;
  ping?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  react?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationReactArgs, 'input'>>;
  reevaluateMembers?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationReevaluateMembersArgs, 'input'>>;
  reorderCategory?: Resolver<ResolversTypes['CategoryCommandPayload'], ParentType, ContextType, RequireFields<MutationReorderCategoryArgs, 'input'>>;
  reorderChannel?: Resolver<ResolversTypes['ChannelCommandPayload'], ParentType, ContextType, RequireFields<MutationReorderChannelArgs, 'input'>>;
  revokeApiKey?: Resolver<ResolversTypes['RevokeApiKeyPayload'], ParentType, ContextType, RequireFields<MutationRevokeApiKeyArgs, 'input'>>;
  rotateCommunityKeys?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationRotateCommunityKeysArgs, 'input'>>;
  sendContactRequest?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationSendContactRequestArgs, 'input'>>;
  sendDirectMessage?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationSendDirectMessageArgs, 'input'>>;
  sendMessage?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationSendMessageArgs, 'input'>>;
  setMemberRoles?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationSetMemberRolesArgs, 'input'>>;
  testWebhook?: Resolver<ResolversTypes['TestWebhookPayload'], ParentType, ContextType, RequireFields<MutationTestWebhookArgs, 'input'>>;
  unbanMember?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationUnbanMemberArgs, 'input'>>;
  unwatchCommunity?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationUnwatchCommunityArgs, 'input'>>;
  updateChannel?: Resolver<ResolversTypes['ChannelCommandPayload'], ParentType, ContextType, RequireFields<MutationUpdateChannelArgs, 'input'>>;
  updateCommunity?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationUpdateCommunityArgs, 'input'>>;
  updatePermission?: Resolver<ResolversTypes['PermissionPayload'], ParentType, ContextType, RequireFields<MutationUpdatePermissionArgs, 'input'>>;
  upsertCategory?: Resolver<ResolversTypes['CategoryCommandPayload'], ParentType, ContextType, RequireFields<MutationUpsertCategoryArgs, 'input'>>;
  watchCommunity?: Resolver<ResolversTypes['CommandPayload'], ParentType, ContextType, RequireFields<MutationWatchCommunityArgs, 'input'>>;
};

export type NodeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'ApiKey' | 'AuditLogEntry' | 'BotIdentity' | 'Channel' | 'Community' | 'DirectMessage' | 'Message' | 'RequestToJoin', ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type PendingCommandResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PendingCommand'] = ResolversParentTypes['PendingCommand']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  queue?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type PermissionPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PermissionPayload'] = ResolversParentTypes['PermissionPayload']> = {
  command?: Resolver<Maybe<ResolversTypes['PendingCommand']>, ParentType, ContextType>;
  permission?: Resolver<Maybe<ResolversTypes['TokenPermission']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type PostersPointResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['PostersPoint'] = ResolversParentTypes['PostersPoint']> = {
  daily?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  day?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  monthly?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  weekly?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type QueryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  apiKeys?: Resolver<Array<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  auditLog?: Resolver<ResolversTypes['AuditLogConnection'], ParentType, ContextType, Partial<QueryAuditLogArgs>>;
  botIdentities?: Resolver<Array<ResolversTypes['BotIdentity']>, ParentType, ContextType>;
  communities?: Resolver<ResolversTypes['CommunityConnection'], ParentType, ContextType, Partial<QueryCommunitiesArgs>>;
  community?: Resolver<Maybe<ResolversTypes['Community']>, ParentType, ContextType, RequireFields<QueryCommunityArgs, 'ref'>>;
  conversations?: Resolver<ResolversTypes['ConversationConnection'], ParentType, ContextType, RequireFields<QueryConversationsArgs, 'botKey'>>;
  directMessages?: Resolver<ResolversTypes['DirectMessageConnection'], ParentType, ContextType, RequireFields<QueryDirectMessagesArgs, 'botKey' | 'peerKey'>>;
  message?: Resolver<Maybe<ResolversTypes['Message']>, ParentType, ContextType, RequireFields<QueryMessageArgs, 'messageId'>>;
  messages?: Resolver<ResolversTypes['MessageConnection'], ParentType, ContextType, RequireFields<QueryMessagesArgs, 'channelId' | 'pinnedOnly'>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  ping?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  stats?: Resolver<Maybe<ResolversTypes['CommunityStats']>, ParentType, ContextType, RequireFields<QueryStatsArgs, 'communityId' | 'range'>>;
  viewer?: Resolver<ResolversTypes['Viewer'], ParentType, ContextType>;
  webhookDeliveries?: Resolver<ResolversTypes['WebhookDeliveryConnection'], ParentType, ContextType, Partial<QueryWebhookDeliveriesArgs>>;
  webhookSubscriptions?: Resolver<Array<ResolversTypes['WebhookSubscription']>, ParentType, ContextType>;
};

export type RateLimitBudgetResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RateLimitBudget'] = ResolversParentTypes['RateLimitBudget']> = {
  limitPerMinute?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  remaining?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  resetAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
};

export type ReactionChangedEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReactionChangedEvent'] = ResolversParentTypes['ReactionChangedEvent']> = {
  channelId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  emoji?: Resolver<ResolversTypes['Emoji'], ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  messageId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  reactorKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  retracted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ReactionCountResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['ReactionCount'] = ResolversParentTypes['ReactionCount']> = {
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  emoji?: Resolver<ResolversTypes['Emoji'], ParentType, ContextType>;
  memberKeys?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
};

export type RequestEventResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RequestEvent'] = ResolversParentTypes['RequestEvent']> = {
  communityId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  correlationId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  decision?: Resolver<Maybe<ResolversTypes['RequestDecision']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  occurredAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requesterKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RequestToJoinResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RequestToJoin'] = ResolversParentTypes['RequestToJoin']> = {
  clock?: Resolver<ResolversTypes['BigInt'], ParentType, ContextType>;
  decidedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  decidedBy?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  displayName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  ensName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  receivedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  requestId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  requesterKey?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  state?: Resolver<ResolversTypes['RequestToJoinState'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type RequestToJoinConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RequestToJoinConnection'] = ResolversParentTypes['RequestToJoinConnection']> = {
  edges?: Resolver<Array<ResolversTypes['RequestToJoinEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type RequestToJoinEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RequestToJoinEdge'] = ResolversParentTypes['RequestToJoinEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['RequestToJoin'], ParentType, ContextType>;
};

export type RetentionCohortResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RetentionCohort'] = ResolversParentTypes['RetentionCohort']> = {
  cohortDay?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  joined?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  posted7d?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  posted30d?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type RevokeApiKeyPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['RevokeApiKeyPayload'] = ResolversParentTypes['RevokeApiKeyPayload']> = {
  apiKey?: Resolver<Maybe<ResolversTypes['ApiKey']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type StatsRangeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['StatsRange'] = ResolversParentTypes['StatsRange']> = {
  from?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
  to?: Resolver<ResolversTypes['Date'], ParentType, ContextType>;
};

export type SubscriptionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = {
  communityUpdated?: SubscriptionResolver<ResolversTypes['CommunityUpdatedEvent'], "communityUpdated", ParentType, ContextType, Partial<SubscriptionCommunityUpdatedArgs>>;
  contactRequestReceived?: SubscriptionResolver<ResolversTypes['ContactRequestReceivedEvent'], "contactRequestReceived", ParentType, ContextType, Partial<SubscriptionContactRequestReceivedArgs>>;
  directMessageReceived?: SubscriptionResolver<ResolversTypes['DirectMessageReceivedEvent'], "directMessageReceived", ParentType, ContextType, Partial<SubscriptionDirectMessageReceivedArgs>>;
  events?: SubscriptionResolver<ResolversTypes['Event'], "events", ParentType, ContextType, Partial<SubscriptionEventsArgs>>;
  memberBanned?: SubscriptionResolver<ResolversTypes['MemberEvent'], "memberBanned", ParentType, ContextType, Partial<SubscriptionMemberBannedArgs>>;
  memberJoined?: SubscriptionResolver<ResolversTypes['MemberEvent'], "memberJoined", ParentType, ContextType, Partial<SubscriptionMemberJoinedArgs>>;
  memberLeft?: SubscriptionResolver<ResolversTypes['MemberEvent'], "memberLeft", ParentType, ContextType, Partial<SubscriptionMemberLeftArgs>>;
  messageAdded?: SubscriptionResolver<ResolversTypes['MessageAddedEvent'], "messageAdded", ParentType, ContextType, Partial<SubscriptionMessageAddedArgs>>;
  messageDeleted?: SubscriptionResolver<ResolversTypes['MessageDeletedEvent'], "messageDeleted", ParentType, ContextType, Partial<SubscriptionMessageDeletedArgs>>;
  messageEdited?: SubscriptionResolver<ResolversTypes['MessageEditedEvent'], "messageEdited", ParentType, ContextType, Partial<SubscriptionMessageEditedArgs>>;
  reactionChanged?: SubscriptionResolver<ResolversTypes['ReactionChangedEvent'], "reactionChanged", ParentType, ContextType, Partial<SubscriptionReactionChangedArgs>>;
  requestDecided?: SubscriptionResolver<ResolversTypes['RequestEvent'], "requestDecided", ParentType, ContextType, Partial<SubscriptionRequestDecidedArgs>>;
  requestReceived?: SubscriptionResolver<ResolversTypes['RequestEvent'], "requestReceived", ParentType, ContextType, Partial<SubscriptionRequestReceivedArgs>>;
};

export type TenantResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Tenant'] = ResolversParentTypes['Tenant']> = {
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type TestWebhookPayloadResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TestWebhookPayload'] = ResolversParentTypes['TestWebhookPayload']> = {
  delivered?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  eventId?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  latencyMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  statusCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  userErrors?: Resolver<Array<ResolversTypes['UserError']>, ParentType, ContextType>;
};

export type TokenCriterionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TokenCriterion'] = ResolversParentTypes['TokenCriterion']> = {
  amount?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  amountInWei?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  contracts?: Resolver<Array<ResolversTypes['ContractAddress']>, ParentType, ContextType>;
  decimals?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  ensPattern?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  symbol?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  tokenIds?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['TokenType'], ParentType, ContextType>;
};

export type TokenPermissionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['TokenPermission'] = ResolversParentTypes['TokenPermission']> = {
  chatIds?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  criteria?: Resolver<Array<ResolversTypes['TokenCriterion']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  isPrivate?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['TokenPermissionType'], ParentType, ContextType>;
};

export type UserErrorResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['UserError'] = ResolversParentTypes['UserError']> = {
  code?: Resolver<ResolversTypes['ErrorCode'], ParentType, ContextType>;
  field?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type ViewerResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['Viewer'] = ResolversParentTypes['Viewer']> = {
  key?: Resolver<ResolversTypes['ApiKey'], ParentType, ContextType>;
  rateLimit?: Resolver<ResolversTypes['RateLimitBudget'], ParentType, ContextType>;
  scopes?: Resolver<Array<ResolversTypes['ApiScope']>, ParentType, ContextType>;
  tenant?: Resolver<ResolversTypes['Tenant'], ParentType, ContextType>;
};

export type WebhookDeliveryResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['WebhookDelivery'] = ResolversParentTypes['WebhookDelivery']> = {
  attempts?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deadLetteredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  deliveredAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  eventId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  eventType?: Resolver<ResolversTypes['EventType'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  lastError?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  lastLatencyMs?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  lastStatusCode?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  nextAttemptAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  payload?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['WebhookDeliveryStatus'], ParentType, ContextType>;
  subscriptionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type WebhookDeliveryConnectionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['WebhookDeliveryConnection'] = ResolversParentTypes['WebhookDeliveryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['WebhookDeliveryEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
};

export type WebhookDeliveryEdgeResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['WebhookDeliveryEdge'] = ResolversParentTypes['WebhookDeliveryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['WebhookDelivery'], ParentType, ContextType>;
};

export type WebhookSubscriptionResolvers<ContextType = ApiContext, ParentType extends ResolversParentTypes['WebhookSubscription'] = ResolversParentTypes['WebhookSubscription']> = {
  active?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  channelId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  communityId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  deliveries?: Resolver<ResolversTypes['WebhookDeliveryConnection'], ParentType, ContextType, Partial<WebhookSubscriptionDeliveriesArgs>>;
  events?: Resolver<Array<ResolversTypes['EventType']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type Resolvers<ContextType = ApiContext> = {
  ApiKey?: ApiKeyResolvers<ContextType>;
  AuditLogConnection?: AuditLogConnectionResolvers<ContextType>;
  AuditLogEdge?: AuditLogEdgeResolvers<ContextType>;
  AuditLogEntry?: AuditLogEntryResolvers<ContextType>;
  Ban?: BanResolvers<ContextType>;
  BigInt?: GraphQLScalarType;
  BotIdentity?: BotIdentityResolvers<ContextType>;
  BotMembership?: BotMembershipResolvers<ContextType>;
  Category?: CategoryResolvers<ContextType>;
  CategoryCommandPayload?: CategoryCommandPayloadResolvers<ContextType>;
  Channel?: ChannelResolvers<ContextType>;
  ChannelCommandPayload?: ChannelCommandPayloadResolvers<ContextType>;
  ChannelDayCount?: ChannelDayCountResolvers<ContextType>;
  CommandPayload?: CommandPayloadResolvers<ContextType>;
  Community?: CommunityResolvers<ContextType>;
  CommunityConnection?: CommunityConnectionResolvers<ContextType>;
  CommunityEdge?: CommunityEdgeResolvers<ContextType>;
  CommunityEvent?: CommunityEventResolvers<ContextType>;
  CommunityIdentity?: CommunityIdentityResolvers<ContextType>;
  CommunityImage?: CommunityImageResolvers<ContextType>;
  CommunityStats?: CommunityStatsResolvers<ContextType>;
  CommunityUpdatedEvent?: CommunityUpdatedEventResolvers<ContextType>;
  ContactRequestReceivedEvent?: ContactRequestReceivedEventResolvers<ContextType>;
  ContractAddress?: ContractAddressResolvers<ContextType>;
  Conversation?: ConversationResolvers<ContextType>;
  ConversationConnection?: ConversationConnectionResolvers<ContextType>;
  ConversationEdge?: ConversationEdgeResolvers<ContextType>;
  CreateApiKeyPayload?: CreateApiKeyPayloadResolvers<ContextType>;
  CreateWebhookSubscriptionPayload?: CreateWebhookSubscriptionPayloadResolvers<ContextType>;
  Date?: GraphQLScalarType;
  DateTime?: GraphQLScalarType;
  DeleteWebhookSubscriptionPayload?: DeleteWebhookSubscriptionPayloadResolvers<ContextType>;
  DescriptionSnapshot?: DescriptionSnapshotResolvers<ContextType>;
  DescriptionSnapshotConnection?: DescriptionSnapshotConnectionResolvers<ContextType>;
  DescriptionSnapshotEdge?: DescriptionSnapshotEdgeResolvers<ContextType>;
  DirectEvent?: DirectEventResolvers<ContextType>;
  DirectMessage?: DirectMessageResolvers<ContextType>;
  DirectMessageAcknowledgedEvent?: DirectMessageAcknowledgedEventResolvers<ContextType>;
  DirectMessageConnection?: DirectMessageConnectionResolvers<ContextType>;
  DirectMessageEdge?: DirectMessageEdgeResolvers<ContextType>;
  DirectMessageReceivedEvent?: DirectMessageReceivedEventResolvers<ContextType>;
  Event?: EventResolvers<ContextType>;
  HeatMapCell?: HeatMapCellResolvers<ContextType>;
  KeysRotatedEvent?: KeysRotatedEventResolvers<ContextType>;
  Member?: MemberResolvers<ContextType>;
  MemberChannelRight?: MemberChannelRightResolvers<ContextType>;
  MemberConnection?: MemberConnectionResolvers<ContextType>;
  MemberCountPoint?: MemberCountPointResolvers<ContextType>;
  MemberEdge?: MemberEdgeResolvers<ContextType>;
  MemberEvent?: MemberEventResolvers<ContextType>;
  Message?: MessageResolvers<ContextType>;
  MessageAddedEvent?: MessageAddedEventResolvers<ContextType>;
  MessageConnection?: MessageConnectionResolvers<ContextType>;
  MessageDeletedEvent?: MessageDeletedEventResolvers<ContextType>;
  MessageEdge?: MessageEdgeResolvers<ContextType>;
  MessageEdit?: MessageEditResolvers<ContextType>;
  MessageEditedEvent?: MessageEditedEventResolvers<ContextType>;
  MessagePinnedEvent?: MessagePinnedEventResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PendingCommand?: PendingCommandResolvers<ContextType>;
  PermissionPayload?: PermissionPayloadResolvers<ContextType>;
  PostersPoint?: PostersPointResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RateLimitBudget?: RateLimitBudgetResolvers<ContextType>;
  ReactionChangedEvent?: ReactionChangedEventResolvers<ContextType>;
  ReactionCount?: ReactionCountResolvers<ContextType>;
  RequestEvent?: RequestEventResolvers<ContextType>;
  RequestToJoin?: RequestToJoinResolvers<ContextType>;
  RequestToJoinConnection?: RequestToJoinConnectionResolvers<ContextType>;
  RequestToJoinEdge?: RequestToJoinEdgeResolvers<ContextType>;
  RetentionCohort?: RetentionCohortResolvers<ContextType>;
  RevokeApiKeyPayload?: RevokeApiKeyPayloadResolvers<ContextType>;
  StatsRange?: StatsRangeResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  Tenant?: TenantResolvers<ContextType>;
  TestWebhookPayload?: TestWebhookPayloadResolvers<ContextType>;
  TokenCriterion?: TokenCriterionResolvers<ContextType>;
  TokenPermission?: TokenPermissionResolvers<ContextType>;
  UserError?: UserErrorResolvers<ContextType>;
  Viewer?: ViewerResolvers<ContextType>;
  WebhookDelivery?: WebhookDeliveryResolvers<ContextType>;
  WebhookDeliveryConnection?: WebhookDeliveryConnectionResolvers<ContextType>;
  WebhookDeliveryEdge?: WebhookDeliveryEdgeResolvers<ContextType>;
  WebhookSubscription?: WebhookSubscriptionResolvers<ContextType>;
};

