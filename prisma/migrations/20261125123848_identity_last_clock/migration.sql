-- AlterTable
ALTER TABLE "identities" ADD COLUMN     "last_clock" BIGINT NOT NULL DEFAULT 0;
