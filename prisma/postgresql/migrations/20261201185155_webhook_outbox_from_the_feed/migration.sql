-- DropForeignKey
ALTER TABLE "ContactChange" DROP CONSTRAINT "ContactChange_workspaceId_fkey";

-- DropIndex
DROP INDEX "WebhookDelivery_endpointId_createdAt_idx";

-- AlterTable
ALTER TABLE "ContactChange" ADD COLUMN     "contact" TEXT;

-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "enqueuedThrough" BIGINT NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "WebhookDelivery_endpointId_changePosition_idx" ON "WebhookDelivery"("endpointId", "changePosition");

-- Changes recorded before this migration: from [{"field", "from", "to"}, …] to one key per field.
UPDATE "ContactChange" AS c SET "changes" = coalesce((
  SELECT json_object_agg(e ->> 'field', CASE c."kind"
    WHEN 'CREATED' THEN e -> 'to'
    WHEN 'DELETED' THEN e -> 'from'
    ELSE json_build_array(e -> 'from', e -> 'to') END)
  FROM json_array_elements(c."changes"::json) AS e), '{}')::text;

-- Existing endpoints already have a delivery for every change so far: they go on from the feed's end.
UPDATE "WebhookEndpoint" AS w SET "enqueuedThrough" = coalesce(
  (SELECT max("position") FROM "ContactChange" AS c WHERE c."workspaceId" = w."workspaceId"), 0);
