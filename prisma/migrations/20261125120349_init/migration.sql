-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "community_kind" AS ENUM ('HOSTED', 'WATCHED');

-- CreateEnum
CREATE TYPE "community_access" AS ENUM ('UNKNOWN', 'AUTO_ACCEPT', 'INVITATION_ONLY', 'MANUAL_ACCEPT');

-- CreateEnum
CREATE TYPE "member_role" AS ENUM ('OWNER', 'ADMIN', 'TOKEN_MASTER');

-- CreateEnum
CREATE TYPE "member_state" AS ENUM ('ACTIVE', 'LEFT', 'KICKED', 'BANNED');

-- CreateEnum
CREATE TYPE "member_event_type" AS ENUM ('JOINED', 'LEFT', 'REMOVED', 'KICKED', 'BANNED', 'UNBANNED', 'ROLE_CHANGED');

-- CreateEnum
CREATE TYPE "request_to_join_state" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'CANCELED');

-- CreateEnum
CREATE TYPE "reaction_type" AS ENUM ('LOVE', 'THUMBS_UP', 'THUMBS_DOWN', 'LAUGH', 'SAD', 'ANGRY');

-- CreateEnum
CREATE TYPE "api_scope" AS ENUM ('COMMUNITY_READ', 'MESSAGES_READ', 'MESSAGES_WRITE', 'MODERATION_WRITE', 'OWNER_CONTROL', 'ADMIN');

-- CreateEnum
CREATE TYPE "secret_purpose" AS ENUM ('COMMUNITY_KEY', 'IDENTITY_KEY', 'WALLET_KEY', 'WEBHOOK_SECRET');

-- CreateEnum
CREATE TYPE "audit_result" AS ENUM ('SUCCESS', 'FAILURE');

-- CreateEnum
CREATE TYPE "webhook_delivery_status" AS ENUM ('PENDING', 'DELIVERED', 'DEAD_LETTERED');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(3),

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "key_hash" BYTEA NOT NULL,
    "scopes" "api_scope"[],
    "community_id" TEXT,
    "rate_limit" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "idempotency_keys" (
    "api_key_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" BYTEA NOT NULL,
    "response" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("api_key_id","key")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "tenant_id" UUID,
    "api_key_id" UUID,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "community_id" TEXT,
    "input" JSONB NOT NULL DEFAULT '{}',
    "result" "audit_result" NOT NULL,
    "error_code" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "keyring_secrets" (
    "id" UUID NOT NULL,
    "tenant_id" UUID,
    "purpose" "secret_purpose" NOT NULL,
    "public_key" TEXT,
    "algorithm" TEXT NOT NULL,
    "master_key_id" TEXT NOT NULL,
    "material" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotated_at" TIMESTAMPTZ(3),

    CONSTRAINT "keyring_secrets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identities" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "public_key" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "key_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "identities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "communities" (
    "id" TEXT NOT NULL,
    "kind" "community_kind" NOT NULL,
    "tenant_id" UUID,
    "key_id" UUID,
    "control_node_key" TEXT,
    "name" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "color" TEXT NOT NULL DEFAULT '',
    "emoji" TEXT NOT NULL DEFAULT '',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "access" "community_access" NOT NULL DEFAULT 'UNKNOWN',
    "ens_only" BOOLEAN NOT NULL DEFAULT false,
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "intro_message" TEXT NOT NULL DEFAULT '',
    "outro_message" TEXT NOT NULL DEFAULT '',
    "pin_message_all_members_enabled" BOOLEAN NOT NULL DEFAULT false,
    "member_count" INTEGER NOT NULL DEFAULT 0,
    "clock" BIGINT NOT NULL DEFAULT 0,
    "shard_cluster" INTEGER,
    "shard_index" INTEGER,
    "description_raw" BYTEA,
    "last_seen_at" TIMESTAMPTZ(3),
    "last_published_clock" BIGINT,
    "last_published_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "communities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community_images" (
    "community_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "size" INTEGER NOT NULL,
    "payload" BYTEA,

    CONSTRAINT "community_images_pkey" PRIMARY KEY ("community_id","kind")
);

-- CreateTable
CREATE TABLE "description_snapshots" (
    "id" BIGSERIAL NOT NULL,
    "community_id" TEXT NOT NULL,
    "clock" BIGINT NOT NULL,
    "member_count" INTEGER NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "raw" BYTEA,
    "raw_hash" BYTEA NOT NULL,

    CONSTRAINT "description_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "categories" (
    "community_id" TEXT NOT NULL,
    "category_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "deleted" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "categories_pkey" PRIMARY KEY ("community_id","category_id")
);

-- CreateTable
CREATE TABLE "channels" (
    "id" TEXT NOT NULL,
    "community_id" TEXT NOT NULL,
    "uuid" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "emoji" TEXT NOT NULL DEFAULT '',
    "color" TEXT NOT NULL DEFAULT '',
    "category_id" TEXT,
    "position" INTEGER NOT NULL DEFAULT 0,
    "viewers_can_post_reactions" BOOLEAN NOT NULL DEFAULT true,
    "hide_if_permissions_not_met" BOOLEAN NOT NULL DEFAULT false,
    "encrypted" BOOLEAN NOT NULL DEFAULT false,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "channels_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "members" (
    "community_id" TEXT NOT NULL,
    "member_key" TEXT NOT NULL,
    "roles" "member_role"[] DEFAULT ARRAY[]::"member_role"[],
    "state" "member_state" NOT NULL DEFAULT 'ACTIVE',
    "last_update_clock" BIGINT NOT NULL DEFAULT 0,
    "display_name" TEXT,
    "ens_name" TEXT,
    "joined_at" TIMESTAMPTZ(3) NOT NULL,
    "left_at" TIMESTAMPTZ(3),

    CONSTRAINT "members_pkey" PRIMARY KEY ("community_id","member_key")
);

-- CreateTable
CREATE TABLE "member_events" (
    "id" BIGSERIAL NOT NULL,
    "community_id" TEXT NOT NULL,
    "member_key" TEXT NOT NULL,
    "type" "member_event_type" NOT NULL,
    "roles" "member_role"[] DEFAULT ARRAY[]::"member_role"[],
    "clock" BIGINT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actor" TEXT,

    CONSTRAINT "member_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "bans" (
    "community_id" TEXT NOT NULL,
    "member_key" TEXT NOT NULL,
    "delete_all_messages" BOOLEAN NOT NULL DEFAULT false,
    "clock" BIGINT NOT NULL,
    "banned_at" TIMESTAMPTZ(3) NOT NULL,
    "banned_by" TEXT,

    CONSTRAINT "bans_pkey" PRIMARY KEY ("community_id","member_key")
);

-- CreateTable
CREATE TABLE "requests_to_join" (
    "id" TEXT NOT NULL,
    "community_id" TEXT NOT NULL,
    "requester_key" TEXT NOT NULL,
    "clock" BIGINT NOT NULL,
    "ens_name" TEXT,
    "display_name" TEXT,
    "customization_color" INTEGER,
    "revealed_accounts" JSONB NOT NULL DEFAULT '[]',
    "state" "request_to_join_state" NOT NULL DEFAULT 'PENDING',
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),
    "decided_by" TEXT,

    CONSTRAINT "requests_to_join_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" TEXT NOT NULL,
    "community_id" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "author_key" TEXT NOT NULL,
    "clock" BIGINT NOT NULL,
    "timestamp" TIMESTAMPTZ(3) NOT NULL,
    "text" TEXT NOT NULL,
    "current_text" TEXT NOT NULL,
    "content_type" INTEGER NOT NULL,
    "response_to" TEXT,
    "raw" BYTEA NOT NULL,
    "waku_hash" BYTEA,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "edit_count" INTEGER NOT NULL DEFAULT 0,
    "edited_at" TIMESTAMPTZ(3),
    "edit_clock" BIGINT,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "deleted_at" TIMESTAMPTZ(3),
    "deleted_by" TEXT,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "pinned_at" TIMESTAMPTZ(3),
    "pinned_by" TEXT,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message_edits" (
    "id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "editor_key" TEXT NOT NULL,
    "clock" BIGINT NOT NULL,
    "text" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_edits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reactions" (
    "message_id" TEXT NOT NULL,
    "member_key" TEXT NOT NULL,
    "type" "reaction_type" NOT NULL,
    "community_id" TEXT NOT NULL,
    "retracted" BOOLEAN NOT NULL DEFAULT false,
    "clock" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "reactions_pkey" PRIMARY KEY ("message_id","member_key","type")
);

-- CreateTable
CREATE TABLE "waku_messages" (
    "hash" BYTEA NOT NULL,
    "pubsub_topic" TEXT NOT NULL,
    "content_topic" TEXT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "payload" BYTEA NOT NULL,
    "meta" BYTEA,
    "version" INTEGER NOT NULL DEFAULT 0,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "waku_messages_pkey" PRIMARY KEY ("hash")
);

-- CreateTable
CREATE TABLE "watched_communities" (
    "community_id" TEXT NOT NULL,
    "added_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "added_by" TEXT,
    "backfilled_until" TIMESTAMPTZ(3),

    CONSTRAINT "watched_communities_pkey" PRIMARY KEY ("community_id")
);

-- CreateTable
CREATE TABLE "webhook_subscriptions" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "secret_ref" TEXT NOT NULL,
    "events" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "community_id" TEXT,
    "channel_id" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "disabled_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "webhook_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "subscription_id" UUID NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "webhook_delivery_status" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "delivered_at" TIMESTAMPTZ(3),
    "dead_lettered_at" TIMESTAMPTZ(3),

    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "community_daily_stats" (
    "community_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "unique_posters" INTEGER NOT NULL DEFAULT 0,
    "joined" INTEGER NOT NULL DEFAULT 0,
    "left" INTEGER NOT NULL DEFAULT 0,
    "member_count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "community_daily_stats_pkey" PRIMARY KEY ("community_id","day")
);

-- CreateTable
CREATE TABLE "daily_posters" (
    "community_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "author_key" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "daily_posters_pkey" PRIMARY KEY ("community_id","day","author_key")
);

-- CreateTable
CREATE TABLE "channel_daily_stats" (
    "channel_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "community_id" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,
    "unique_posters" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "channel_daily_stats_pkey" PRIMARY KEY ("channel_id","day")
);

-- CreateTable
CREATE TABLE "hourly_activity" (
    "community_id" TEXT NOT NULL,
    "hour" TIMESTAMPTZ(0) NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "hourly_activity_pkey" PRIMARY KEY ("community_id","hour")
);

-- CreateTable
CREATE TABLE "retention_cohorts" (
    "community_id" TEXT NOT NULL,
    "cohort_day" DATE NOT NULL,
    "joined" INTEGER NOT NULL DEFAULT 0,
    "posted_7d" INTEGER NOT NULL DEFAULT 0,
    "posted_30d" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "retention_cohorts_pkey" PRIMARY KEY ("community_id","cohort_day")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenants_slug_key" ON "tenants"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_prefix_key" ON "api_keys"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_key_hash_key" ON "api_keys"("key_hash");

-- CreateIndex
CREATE INDEX "api_keys_tenant_id_idx" ON "api_keys"("tenant_id");

-- CreateIndex
CREATE INDEX "api_keys_community_id_idx" ON "api_keys"("community_id");

-- CreateIndex
CREATE INDEX "idempotency_keys_created_at_idx" ON "idempotency_keys"("created_at");

-- CreateIndex
CREATE INDEX "audit_log_tenant_id_at_idx" ON "audit_log"("tenant_id", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_community_id_at_idx" ON "audit_log"("community_id", "at" DESC);

-- CreateIndex
CREATE INDEX "audit_log_api_key_id_at_idx" ON "audit_log"("api_key_id", "at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "keyring_secrets_public_key_key" ON "keyring_secrets"("public_key");

-- CreateIndex
CREATE INDEX "keyring_secrets_master_key_id_idx" ON "keyring_secrets"("master_key_id");

-- CreateIndex
CREATE UNIQUE INDEX "identities_public_key_key" ON "identities"("public_key");

-- CreateIndex
CREATE INDEX "identities_tenant_id_idx" ON "identities"("tenant_id");

-- CreateIndex
CREATE INDEX "communities_kind_idx" ON "communities"("kind");

-- CreateIndex
CREATE INDEX "communities_tenant_id_idx" ON "communities"("tenant_id");

-- CreateIndex
CREATE INDEX "communities_tags_idx" ON "communities" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "description_snapshots_community_id_received_at_idx" ON "description_snapshots"("community_id", "received_at");

-- CreateIndex
CREATE UNIQUE INDEX "description_snapshots_community_id_clock_key" ON "description_snapshots"("community_id", "clock");

-- CreateIndex
CREATE INDEX "channels_community_id_position_idx" ON "channels"("community_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "channels_community_id_uuid_key" ON "channels"("community_id", "uuid");

-- CreateIndex
CREATE INDEX "members_community_id_state_joined_at_idx" ON "members"("community_id", "state", "joined_at");

-- CreateIndex
CREATE INDEX "members_member_key_idx" ON "members"("member_key");

-- CreateIndex
CREATE INDEX "member_events_community_id_at_idx" ON "member_events"("community_id", "at");

-- CreateIndex
CREATE INDEX "member_events_community_id_type_at_idx" ON "member_events"("community_id", "type", "at");

-- CreateIndex
CREATE UNIQUE INDEX "member_events_community_id_member_key_type_clock_key" ON "member_events"("community_id", "member_key", "type", "clock");

-- CreateIndex
CREATE INDEX "requests_to_join_community_id_state_clock_idx" ON "requests_to_join"("community_id", "state", "clock");

-- CreateIndex
CREATE INDEX "requests_to_join_community_id_requester_key_idx" ON "requests_to_join"("community_id", "requester_key");

-- CreateIndex
CREATE INDEX "messages_channel_id_clock_id_idx" ON "messages"("channel_id", "clock" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "messages_community_id_timestamp_idx" ON "messages"("community_id", "timestamp");

-- CreateIndex
CREATE INDEX "messages_community_id_author_key_clock_idx" ON "messages"("community_id", "author_key", "clock");

-- CreateIndex
CREATE INDEX "messages_response_to_idx" ON "messages"("response_to");

-- CreateIndex
CREATE INDEX "message_edits_message_id_clock_idx" ON "message_edits"("message_id", "clock");

-- CreateIndex
CREATE INDEX "reactions_community_id_updated_at_idx" ON "reactions"("community_id", "updated_at");

-- CreateIndex
CREATE INDEX "waku_messages_pubsub_topic_content_topic_timestamp_hash_idx" ON "waku_messages"("pubsub_topic", "content_topic", "timestamp", "hash");

-- CreateIndex
CREATE INDEX "waku_messages_timestamp_hash_idx" ON "waku_messages"("timestamp", "hash");

-- CreateIndex
CREATE INDEX "webhook_subscriptions_tenant_id_idx" ON "webhook_subscriptions"("tenant_id");

-- CreateIndex
CREATE INDEX "webhook_subscriptions_community_id_idx" ON "webhook_subscriptions"("community_id");

-- CreateIndex
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "webhook_deliveries_subscription_id_created_at_idx" ON "webhook_deliveries"("subscription_id", "created_at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "webhook_deliveries_subscription_id_event_id_key" ON "webhook_deliveries"("subscription_id", "event_id");

-- CreateIndex
CREATE INDEX "daily_posters_community_id_author_key_day_idx" ON "daily_posters"("community_id", "author_key", "day");

-- CreateIndex
CREATE INDEX "channel_daily_stats_community_id_day_idx" ON "channel_daily_stats"("community_id", "day");

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "keyring_secrets" ADD CONSTRAINT "keyring_secrets_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identities" ADD CONSTRAINT "identities_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "identities" ADD CONSTRAINT "identities_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "keyring_secrets"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communities" ADD CONSTRAINT "communities_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "communities" ADD CONSTRAINT "communities_key_id_fkey" FOREIGN KEY ("key_id") REFERENCES "keyring_secrets"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "community_images" ADD CONSTRAINT "community_images_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "description_snapshots" ADD CONSTRAINT "description_snapshots_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "categories" ADD CONSTRAINT "categories_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channels" ADD CONSTRAINT "channels_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channels" ADD CONSTRAINT "channels_community_id_category_id_fkey" FOREIGN KEY ("community_id", "category_id") REFERENCES "categories"("community_id", "category_id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "members" ADD CONSTRAINT "members_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_events" ADD CONSTRAINT "member_events_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "bans" ADD CONSTRAINT "bans_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "requests_to_join" ADD CONSTRAINT "requests_to_join_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message_edits" ADD CONSTRAINT "message_edits_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reactions" ADD CONSTRAINT "reactions_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "webhook_subscriptions_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_subscription_id_fkey" FOREIGN KEY ("subscription_id") REFERENCES "webhook_subscriptions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "community_daily_stats" ADD CONSTRAINT "community_daily_stats_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_posters" ADD CONSTRAINT "daily_posters_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_daily_stats" ADD CONSTRAINT "channel_daily_stats_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_daily_stats" ADD CONSTRAINT "channel_daily_stats_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "hourly_activity" ADD CONSTRAINT "hourly_activity_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "retention_cohorts" ADD CONSTRAINT "retention_cohorts_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
