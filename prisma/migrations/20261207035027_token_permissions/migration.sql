-- AlterTable
ALTER TABLE "communities" ADD COLUMN     "permissions_checked_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "members" ADD COLUMN     "channel_rights" JSONB;

-- AlterTable
ALTER TABLE "requests_to_join" ADD COLUMN     "held_by" TEXT;

-- CreateTable
CREATE TABLE "token_permissions" (
    "community_id" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "criteria" JSONB NOT NULL,
    "chat_ids" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "is_private" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "token_permissions_pkey" PRIMARY KEY ("community_id","id")
);

-- AddForeignKey
ALTER TABLE "token_permissions" ADD CONSTRAINT "token_permissions_community_id_fkey" FOREIGN KEY ("community_id") REFERENCES "communities"("id") ON DELETE CASCADE ON UPDATE CASCADE;
