-- DropIndex
DROP INDEX "WebhookDelivery_endpointId_createdAt_idx";

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
    "changes" TEXT NOT NULL,
    "contact" TEXT,
    "apiKeyId" TEXT,
    "requestId" TEXT
);
INSERT INTO "new_ContactChange" ("apiKeyId", "changes", "contactId", "id", "kind", "position", "requestId", "time", "workspaceId") SELECT "apiKeyId", "changes", "contactId", "id", "kind", "position", "requestId", "time", "workspaceId" FROM "ContactChange";
DROP TABLE "ContactChange";
ALTER TABLE "new_ContactChange" RENAME TO "ContactChange";
CREATE INDEX "ContactChange_workspaceId_position_idx" ON "ContactChange"("workspaceId", "position");
CREATE INDEX "ContactChange_contactId_position_idx" ON "ContactChange"("contactId", "position");
CREATE TABLE "new_WebhookEndpoint" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "secret" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "enqueuedThrough" BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT "WebhookEndpoint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_WebhookEndpoint" ("createdAt", "description", "enabled", "id", "secret", "url", "workspaceId") SELECT "createdAt", "description", "enabled", "id", "secret", "url", "workspaceId" FROM "WebhookEndpoint";
DROP TABLE "WebhookEndpoint";
ALTER TABLE "new_WebhookEndpoint" RENAME TO "WebhookEndpoint";
CREATE INDEX "WebhookEndpoint_workspaceId_idx" ON "WebhookEndpoint"("workspaceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_changePosition_idx" ON "WebhookDelivery"("endpointId", "changePosition");

-- Changes recorded before this migration: from [{"field", "from", "to"}, …] to one key per field.
UPDATE "ContactChange" SET "changes" = (
  SELECT json_group_object(e.value ->> 'field', CASE "ContactChange"."kind"
    WHEN 'CREATED' THEN json(e.value -> 'to')
    WHEN 'DELETED' THEN json(e.value -> 'from')
    ELSE json_array(json(e.value -> 'from'), json(e.value -> 'to')) END)
  FROM json_each("ContactChange"."changes") AS e);

-- Existing endpoints already have a delivery for every change so far: they go on from the feed's end.
UPDATE "WebhookEndpoint" SET "enqueuedThrough" = coalesce(
  (SELECT max("position") FROM "ContactChange" WHERE "ContactChange"."workspaceId" = "WebhookEndpoint"."workspaceId"), 0);
