-- AlterTable
ALTER TABLE "identities" ADD COLUMN     "created_by_command" TEXT,
ADD COLUMN     "wallet_key_id" UUID;

-- CreateIndex
CREATE UNIQUE INDEX "identities_created_by_command_key" ON "identities"("created_by_command");

-- AddForeignKey
ALTER TABLE "identities" ADD CONSTRAINT "identities_wallet_key_id_fkey" FOREIGN KEY ("wallet_key_id") REFERENCES "keyring_secrets"("id") ON DELETE NO ACTION ON UPDATE CASCADE;
