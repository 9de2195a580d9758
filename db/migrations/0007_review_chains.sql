ALTER TABLE "catalog_settings" ADD COLUMN "approval_chains" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "document_editions" ADD COLUMN "review" jsonb;--> statement-breakpoint
ALTER TABLE "document_files" ADD COLUMN "masked_from" uuid;