-- CreateTable
CREATE TABLE "Paper" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleKey" TEXT NOT NULL,
    "sortTitle" TEXT NOT NULL,
    "abstract" TEXT NOT NULL,
    "arxivId" TEXT,
    "authors" TEXT NOT NULL DEFAULT '[]',
    "publishedOn" TEXT,
    "links" TEXT NOT NULL DEFAULT '[]',
    "hasCode" BOOLEAN NOT NULL DEFAULT false,
    "firstFeedDate" TEXT NOT NULL,
    "lastFeedDate" TEXT NOT NULL,
    "lastRank" INTEGER NOT NULL,
    "newestOn" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Appearance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "paperId" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "feedDate" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "ingestRunId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Appearance_paperId_fkey" FOREIGN KEY ("paperId") REFERENCES "Paper" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Appearance_ingestRunId_fkey" FOREIGN KEY ("ingestRunId") REFERENCES "IngestRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IngestRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "source" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "added" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "message" TEXT,
    "rejections" TEXT NOT NULL DEFAULT '[]'
);

-- CreateIndex
CREATE UNIQUE INDEX "Paper_key_key" ON "Paper"("key");

-- CreateIndex
CREATE UNIQUE INDEX "Paper_slug_key" ON "Paper"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Paper_arxivId_key" ON "Paper"("arxivId");

-- CreateIndex
CREATE INDEX "Paper_lastFeedDate_lastRank_idx" ON "Paper"("lastFeedDate" DESC, "lastRank");

-- CreateIndex
CREATE INDEX "Paper_newestOn_idx" ON "Paper"("newestOn" DESC);

-- CreateIndex
CREATE INDEX "Paper_sortTitle_idx" ON "Paper"("sortTitle");

-- CreateIndex
CREATE INDEX "Paper_titleKey_idx" ON "Paper"("titleKey");

-- CreateIndex
CREATE INDEX "Paper_updatedAt_idx" ON "Paper"("updatedAt");

-- CreateIndex
CREATE INDEX "Appearance_feedDate_rank_idx" ON "Appearance"("feedDate", "rank");

-- CreateIndex
CREATE INDEX "Appearance_ingestRunId_idx" ON "Appearance"("ingestRunId");

-- CreateIndex
CREATE UNIQUE INDEX "Appearance_paperId_source_feedDate_key" ON "Appearance"("paperId", "source", "feedDate");

-- CreateIndex
CREATE INDEX "IngestRun_status_id_idx" ON "IngestRun"("status", "id");
