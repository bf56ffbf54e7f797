-- CreateTable
CREATE TABLE "group_keys" (
    "id" UUID NOT NULL,
    "community_id" TEXT NOT NULL,
    "group_id" BYTEA NOT NULL,
    "key_id" BYTEA NOT NULL,
    "timestamp_ms" BIGINT NOT NULL,
    "master_key_id" TEXT NOT NULL,
    "material" BYTEA NOT NULL,
    "last_seq_no" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "group_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "group_keys_key_id_key" ON "group_keys"("key_id");

-- CreateIndex
CREATE INDEX "group_keys_community_id_group_id_timestamp_ms_idx" ON "group_keys"("community_id", "group_id", "timestamp_ms");
