-- CreateTable
CREATE TABLE "held_messages" (
    "id" BIGSERIAL NOT NULL,
    "hash" TEXT NOT NULL,
    "community_id" TEXT NOT NULL,
    "message" JSONB NOT NULL,
    "size" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "clock" BIGINT NOT NULL,
    "held_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "held_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "held_messages_hash_key" ON "held_messages"("hash");

-- CreateIndex
CREATE INDEX "held_messages_community_id_id_idx" ON "held_messages"("community_id", "id");

-- CreateIndex
CREATE INDEX "held_messages_held_at_idx" ON "held_messages"("held_at");

-- AddForeignKey
ALTER TABLE "held_messages" ADD CONSTRAINT "held_messages_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
