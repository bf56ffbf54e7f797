-- CreateTable
CREATE TABLE "backfill_gaps" (
    "community_id" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "backfill_gaps_pkey" PRIMARY KEY ("community_id")
);

-- A watched community's history was complete until backfilled_until: the gap starts there.
INSERT INTO "backfill_gaps" ("community_id", "since")
SELECT "community_id", "backfilled_until" FROM "watched_communities" WHERE "backfilled_until" IS NOT NULL;

-- AlterTable
ALTER TABLE "watched_communities" DROP COLUMN "backfilled_until";
