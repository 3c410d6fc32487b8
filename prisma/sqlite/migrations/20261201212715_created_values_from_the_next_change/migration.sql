-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ContactChange" (
    "position" BIGINT NOT NULL PRIMARY KEY,
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "time" DATETIME NOT NULL,
    "changes" TEXT,
    "contact" TEXT,
    "apiKeyId" TEXT,
    "requestId" TEXT
);
INSERT INTO "new_ContactChange" ("apiKeyId", "changes", "contact", "contactId", "id", "kind", "position", "requestId", "time", "workspaceId") SELECT "apiKeyId", "changes", "contact", "contactId", "id", "kind", "position", "requestId", "time", "workspaceId" FROM "ContactChange";
DROP TABLE "ContactChange";
ALTER TABLE "new_ContactChange" RENAME TO "ContactChange";
CREATE INDEX "ContactChange_workspaceId_position_idx" ON "ContactChange"("workspaceId", "position");
CREATE INDEX "ContactChange_contactId_position_idx" ON "ContactChange"("contactId", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
