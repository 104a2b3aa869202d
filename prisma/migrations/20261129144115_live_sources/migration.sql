-- AlterTable
ALTER TABLE "Appearance" ADD COLUMN "comments" INTEGER;
ALTER TABLE "Appearance" ADD COLUMN "githubStars" INTEGER;
ALTER TABLE "Appearance" ADD COLUMN "upvotes" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Paper" (
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
    "keyPhrases" TEXT NOT NULL DEFAULT '[]',
    "tagVersion" TEXT,
    "firstFeedDate" TEXT NOT NULL,
    "lastFeedDate" TEXT NOT NULL,
    "lastRank" INTEGER NOT NULL,
    "newestOn" TEXT NOT NULL,
    "updatedOn" TEXT,
    "textSource" TEXT NOT NULL DEFAULT 'text-page',
    "upvotes" INTEGER,
    "githubStars" INTEGER,
    "githubRepo" TEXT,
    "projectPage" TEXT,
    "pdfUrl" TEXT,
    "aiSummary" TEXT,
    "keywords" TEXT NOT NULL DEFAULT '[]',
    "categories" TEXT NOT NULL DEFAULT '[]',
    "doi" TEXT,
    "comment" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Paper" ("abstract", "arxivId", "authors", "createdAt", "firstFeedDate", "hasCode", "id", "key", "keyPhrases", "lastFeedDate", "lastRank", "links", "newestOn", "publishedOn", "slug", "sortTitle", "tagVersion", "title", "titleKey", "updatedAt") SELECT "abstract", "arxivId", "authors", "createdAt", "firstFeedDate", "hasCode", "id", "key", "keyPhrases", "lastFeedDate", "lastRank", "links", "newestOn", "publishedOn", "slug", "sortTitle", "tagVersion", "title", "titleKey", "updatedAt" FROM "Paper";
DROP TABLE "Paper";
ALTER TABLE "new_Paper" RENAME TO "Paper";
CREATE UNIQUE INDEX "Paper_key_key" ON "Paper"("key");
CREATE UNIQUE INDEX "Paper_slug_key" ON "Paper"("slug");
CREATE UNIQUE INDEX "Paper_arxivId_key" ON "Paper"("arxivId");
CREATE INDEX "Paper_lastFeedDate_lastRank_idx" ON "Paper"("lastFeedDate" DESC, "lastRank");
CREATE INDEX "Paper_newestOn_idx" ON "Paper"("newestOn" DESC);
CREATE INDEX "Paper_sortTitle_idx" ON "Paper"("sortTitle");
CREATE INDEX "Paper_titleKey_idx" ON "Paper"("titleKey");
CREATE INDEX "Paper_updatedAt_idx" ON "Paper"("updatedAt");
CREATE INDEX "Paper_tagVersion_idx" ON "Paper"("tagVersion");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Appearance_paperId_feedDate_idx" ON "Appearance"("paperId", "feedDate");
