-- CreateIndex
CREATE INDEX "requests_to_join_requester_key_idx" ON "requests_to_join"("requester_key");
