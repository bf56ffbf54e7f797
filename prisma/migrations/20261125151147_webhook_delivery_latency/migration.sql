-- AlterTable
ALTER TABLE "webhook_deliveries" ADD COLUMN     "last_latency_ms" INTEGER;
