-- CreateTable
CREATE TABLE "ContactChange" (
    "position" BIGINT NOT NULL PRIMARY KEY,
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "time" DATETIME NOT NULL,
    "changes" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "requestId" TEXT,
    CONSTRAINT "ContactChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ContactChange_id_key" ON "ContactChange"("id");

-- CreateIndex
CREATE INDEX "ContactChange_workspaceId_position_idx" ON "ContactChange"("workspaceId", "position");

-- CreateIndex
CREATE INDEX "ContactChange_workspaceId_contactId_position_idx" ON "ContactChange"("workspaceId", "contactId", "position");
