CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "catalog_nodes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"parent_id" uuid,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalog_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"index_template" text NOT NULL,
	"index_year_basis" text DEFAULT 'published' NOT NULL,
	"interpretation_lag" integer DEFAULT 3 NOT NULL,
	"guide" jsonb,
	"guide_reviewed_at" timestamp with time zone,
	"rules_text" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_editions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"status" text NOT NULL,
	"current_revision_id" uuid,
	"scheduled_at" timestamp with time zone,
	"scheduled_by" uuid,
	"published_at" timestamp with time zone,
	"change_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content" "bytea" NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"edition_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"content" jsonb NOT NULL,
	"created_by" uuid,
	"created_by_name" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "document_statuses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"document_id" uuid NOT NULL,
	"edition_id" uuid NOT NULL,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"index_no" text,
	"index_year" integer,
	"index_seq" integer,
	"status" text NOT NULL,
	"current_edition_id" uuid,
	"live_edition_id" uuid,
	"source_key" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_documents" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"index_no" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"content" jsonb NOT NULL,
	"topic" text NOT NULL,
	"genre" text,
	"content_type" text,
	"five_open" text,
	"catalog_node_id" uuid,
	"doc_number" text DEFAULT '' NOT NULL,
	"generated_on" date NOT NULL,
	"effective_on" date,
	"repeal_on" date,
	"expiry_on" date,
	"validity_override" text,
	"year" integer NOT NULL,
	"explains_id" uuid,
	"edition" integer NOT NULL,
	"first_published_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"revision_notes" jsonb NOT NULL,
	"attachments" jsonb NOT NULL,
	"body_text" text NOT NULL,
	"attachment_text" text DEFAULT '' NOT NULL,
	"search_title" "tsvector" NOT NULL,
	"search_body" "tsvector" NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawal_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"term" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalog_nodes" ADD CONSTRAINT "catalog_nodes_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_nodes" ADD CONSTRAINT "catalog_nodes_parent_id_catalog_nodes_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."catalog_nodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_settings" ADD CONSTRAINT "catalog_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_editions" ADD CONSTRAINT "document_editions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_files" ADD CONSTRAINT "document_files_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_revisions" ADD CONSTRAINT "document_revisions_edition_id_document_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."document_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_statuses" ADD CONSTRAINT "document_statuses_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "document_statuses" ADD CONSTRAINT "document_statuses_edition_id_document_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."document_editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_documents" ADD CONSTRAINT "public_documents_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_documents" ADD CONSTRAINT "public_documents_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "catalog_nodes_org_idx" ON "catalog_nodes" USING btree ("org_id","parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_editions_number_key" ON "document_editions" USING btree ("document_id","number");--> statement-breakpoint
CREATE INDEX "document_editions_due_idx" ON "document_editions" USING btree ("status","scheduled_at");--> statement-breakpoint
CREATE INDEX "document_files_doc_idx" ON "document_files" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "document_revisions_number_key" ON "document_revisions" USING btree ("document_id","number");--> statement-breakpoint
CREATE INDEX "document_statuses_doc_idx" ON "document_statuses" USING btree ("document_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_index_no_key" ON "documents" USING btree ("org_id","index_no");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_index_seq_key" ON "documents" USING btree ("org_id","index_year","index_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "documents_source_key" ON "documents" USING btree ("org_id","source_key");--> statement-breakpoint
CREATE INDEX "documents_org_status_idx" ON "documents" USING btree ("org_id","status","updated_at");--> statement-breakpoint
CREATE INDEX "public_documents_org_idx" ON "public_documents" USING btree ("org_id","status","published_at");--> statement-breakpoint
CREATE INDEX "public_documents_recent_idx" ON "public_documents" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "public_documents_explains_idx" ON "public_documents" USING btree ("explains_id");--> statement-breakpoint
CREATE INDEX "public_documents_title_tsv_idx" ON "public_documents" USING gin ("search_title");--> statement-breakpoint
CREATE INDEX "public_documents_body_tsv_idx" ON "public_documents" USING gin ("search_body");--> statement-breakpoint
CREATE INDEX "public_documents_title_trgm_idx" ON "public_documents" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gin ("term" gin_trgm_ops);--> statement-breakpoint
-- Revisions are immutable snapshots and the status history is append-only (STYLE.md §4):
-- UPDATE and DELETE are refused for every role.
CREATE OR REPLACE FUNCTION catalog_history_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER document_statuses_no_change BEFORE UPDATE OR DELETE ON document_statuses
  FOR EACH ROW EXECUTE FUNCTION catalog_history_refuse_change();
--> statement-breakpoint
CREATE TRIGGER document_revisions_no_change BEFORE UPDATE OR DELETE ON document_revisions
  FOR EACH ROW EXECUTE FUNCTION catalog_history_refuse_change();
