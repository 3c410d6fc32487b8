-- CreateTable
CREATE TABLE "ContactChange" (
    "position" BIGSERIAL NOT NULL,
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "contactId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "time" TIMESTAMP(3) NOT NULL,
    "changes" TEXT NOT NULL,
    "apiKeyId" TEXT,
    "requestId" TEXT,

    CONSTRAINT "ContactChange_pkey" PRIMARY KEY ("position")
);

-- CreateIndex
CREATE UNIQUE INDEX "ContactChange_id_key" ON "ContactChange"("id");

-- CreateIndex
CREATE INDEX "ContactChange_workspaceId_position_idx" ON "ContactChange"("workspaceId", "position");

-- CreateIndex
CREATE INDEX "ContactChange_workspaceId_contactId_position_idx" ON "ContactChange"("workspaceId", "contactId", "position");

-- AddForeignKey
ALTER TABLE "ContactChange" ADD CONSTRAINT "ContactChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
