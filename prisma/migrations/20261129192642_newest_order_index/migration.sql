-- DropIndex
DROP INDEX "Paper_newestOn_idx";

-- CreateIndex
CREATE INDEX "Paper_newestOn_lastFeedDate_lastRank_idx" ON "Paper"("newestOn" DESC, "lastFeedDate" DESC, "lastRank");
