-- AlterTable
ALTER TABLE "community_daily_stats" ADD COLUMN     "private_messages" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "event_outbox" (
    "id" BIGSERIAL NOT NULL,
    "events" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "event_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_daily_posters" (
    "channel_id" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "author_key" TEXT NOT NULL,
    "messages" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "channel_daily_posters_pkey" PRIMARY KEY ("channel_id","day","author_key")
);

-- CreateTable
CREATE TABLE "private_messages" (
    "waku_hash" BYTEA NOT NULL,
    "community_id" TEXT NOT NULL,
    "channel_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "private_messages_pkey" PRIMARY KEY ("waku_hash")
);

-- CreateIndex
CREATE INDEX "event_outbox_created_at_idx" ON "event_outbox"("created_at");

-- CreateIndex
CREATE INDEX "private_messages_community_id_at_idx" ON "private_messages"("community_id", "at");

-- AddForeignKey
ALTER TABLE "channel_daily_posters" ADD CONSTRAINT "channel_daily_posters_channel_id_fkey" FOREIGN KEY ("channel_id") REFERENCES "channels"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "private_messages" ADD CONSTRAINT "private_messages_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
