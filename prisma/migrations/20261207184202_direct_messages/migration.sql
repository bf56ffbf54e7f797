-- CreateEnum
CREATE TYPE "direct_contact_state" AS ENUM ('NONE', 'MUTUAL', 'SENT', 'RECEIVED', 'DISMISSED');

-- CreateEnum
CREATE TYPE "direct_message_direction" AS ENUM ('INBOUND', 'OUTBOUND');

-- CreateEnum
CREATE TYPE "direct_message_kind" AS ENUM ('TEXT', 'CONTACT_REQUEST', 'CONTACT_ACCEPTED', 'COMMUNITY_INVITE', 'REACTION', 'OTHER');

-- AlterTable
ALTER TABLE "identities" ADD COLUMN     "installation_id" TEXT NOT NULL DEFAULT gen_random_uuid()::text;

-- CreateTable
CREATE TABLE "direct_pre_keys" (
    "id" UUID NOT NULL,
    "identity_id" UUID NOT NULL,
    "public_key" BYTEA NOT NULL,
    "version" INTEGER NOT NULL,
    "master_key_id" TEXT NOT NULL,
    "material" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "direct_pre_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "direct_sessions" (
    "id" UUID NOT NULL,
    "identity_id" UUID NOT NULL,
    "peer_key" TEXT NOT NULL,
    "peer_installation_id" TEXT NOT NULL,
    "bundle_id" BYTEA NOT NULL,
    "master_key_id" TEXT NOT NULL,
    "material" BYTEA NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "direct_sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "direct_peer_bundles" (
    "peer_key" TEXT NOT NULL,
    "bundle" BYTEA NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "direct_peer_bundles_pkey" PRIMARY KEY ("peer_key")
);

-- CreateTable
CREATE TABLE "direct_contacts" (
    "identity_id" UUID NOT NULL,
    "peer_key" TEXT NOT NULL,
    "state" "direct_contact_state" NOT NULL DEFAULT 'NONE',
    "local_clock" BIGINT NOT NULL DEFAULT 0,
    "they_added_us" BOOLEAN NOT NULL DEFAULT false,
    "remote_clock" BIGINT NOT NULL DEFAULT 0,
    "contact_request_id" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "direct_contacts_pkey" PRIMARY KEY ("identity_id","peer_key")
);

-- CreateTable
CREATE TABLE "direct_messages" (
    "id" TEXT NOT NULL,
    "identity_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "peer_key" TEXT NOT NULL,
    "direction" "direct_message_direction" NOT NULL,
    "kind" "direct_message_kind" NOT NULL,
    "content_type" INTEGER NOT NULL,
    "text" TEXT,
    "reply_to" TEXT,
    "clock" BIGINT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "mvds_id" BYTEA,
    "body" BYTEA,
    "send_count" INTEGER NOT NULL DEFAULT 0,
    "next_send_at" TIMESTAMPTZ(3),
    "acknowledged_at" TIMESTAMPTZ(3),
    "command_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "direct_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "direct_topics" (
    "content_topic" TEXT NOT NULL,
    "identity_id" UUID NOT NULL,
    "peer_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "direct_topics_pkey" PRIMARY KEY ("content_topic")
);

-- CreateIndex
CREATE UNIQUE INDEX "direct_pre_keys_public_key_key" ON "direct_pre_keys"("public_key");

-- CreateIndex
CREATE INDEX "direct_pre_keys_identity_id_created_at_idx" ON "direct_pre_keys"("identity_id", "created_at");

-- CreateIndex
CREATE INDEX "direct_sessions_identity_id_peer_key_idx" ON "direct_sessions"("identity_id", "peer_key");

-- CreateIndex
CREATE UNIQUE INDEX "direct_sessions_identity_id_peer_key_peer_installation_id_b_key" ON "direct_sessions"("identity_id", "peer_key", "peer_installation_id", "bundle_id");

-- CreateIndex
CREATE UNIQUE INDEX "direct_messages_command_id_key" ON "direct_messages"("command_id");

-- CreateIndex
CREATE INDEX "direct_messages_identity_id_peer_key_clock_idx" ON "direct_messages"("identity_id", "peer_key", "clock");

-- CreateIndex
CREATE INDEX "direct_messages_tenant_id_created_at_idx" ON "direct_messages"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "direct_messages_next_send_at_idx" ON "direct_messages"("next_send_at");

-- CreateIndex
CREATE INDEX "direct_messages_identity_id_mvds_id_idx" ON "direct_messages"("identity_id", "mvds_id");

-- CreateIndex
CREATE UNIQUE INDEX "direct_topics_identity_id_peer_key_key" ON "direct_topics"("identity_id", "peer_key");

-- CreateIndex
CREATE UNIQUE INDEX "identities_installation_id_key" ON "identities"("installation_id");

-- AddForeignKey
ALTER TABLE "direct_pre_keys" ADD CONSTRAINT "direct_pre_keys_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "direct_sessions" ADD CONSTRAINT "direct_sessions_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "direct_contacts" ADD CONSTRAINT "direct_contacts_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "direct_messages" ADD CONSTRAINT "direct_messages_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "direct_topics" ADD CONSTRAINT "direct_topics_identity_id_fkey" FOREIGN KEY ("identity_id") REFERENCES "identities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
