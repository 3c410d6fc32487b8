-- AlterTable
ALTER TABLE "ContactChange" ALTER COLUMN "changes" DROP NOT NULL;
