-- CreateTable
CREATE TABLE "community_encryption_keys_requests" (
    "community_id" TEXT NOT NULL,
    "bot_key" TEXT NOT NULL,
    "channel_id" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "community_encryption_keys_requests_pkey" PRIMARY KEY ("community_id","bot_key","channel_id")
);
