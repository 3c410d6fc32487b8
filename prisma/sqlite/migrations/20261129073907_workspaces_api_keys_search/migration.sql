-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" DATETIME,
    "revokedAt" DATETIME,
    CONSTRAINT "ApiKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RequestLog" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "time" DATETIME NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "operationName" TEXT,
    "status" INTEGER NOT NULL,
    "userAgent" TEXT,
    "durationMs" REAL NOT NULL,
    CONSTRAINT "RequestLog_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Contact" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "trackingId" TEXT,
    "email" TEXT NOT NULL,
    "emailKey" TEXT NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "phone" TEXT,
    "company" TEXT,
    "title" TEXT,
    "country" TEXT,
    "numberAndStreet" TEXT,
    "city" TEXT,
    "state" TEXT,
    "zipCode" TEXT,
    "prefix" TEXT,
    "suffix" TEXT,
    "note" TEXT,
    "searchText" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contact_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Contact" ("city", "company", "country", "createdAt", "email", "emailKey", "firstName", "id", "lastName", "note", "numberAndStreet", "phone", "prefix", "state", "suffix", "title", "trackingId", "updatedAt", "workspaceId", "zipCode") SELECT "city", "company", "country", "createdAt", "email", "emailKey", "firstName", "id", "lastName", "note", "numberAndStreet", "phone", "prefix", "state", "suffix", "title", "trackingId", "updatedAt", "workspaceId", "zipCode" FROM "Contact";
DROP TABLE "Contact";
ALTER TABLE "new_Contact" RENAME TO "Contact";
CREATE INDEX "Contact_workspaceId_id_idx" ON "Contact"("workspaceId", "id");
CREATE UNIQUE INDEX "Contact_workspaceId_trackingId_key" ON "Contact"("workspaceId", "trackingId");
CREATE UNIQUE INDEX "Contact_workspaceId_emailKey_key" ON "Contact"("workspaceId", "emailKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_idx" ON "ApiKey"("workspaceId");

-- CreateIndex
CREATE INDEX "RequestLog_workspaceId_time_idx" ON "RequestLog"("workspaceId", "time");
