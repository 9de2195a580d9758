CREATE TABLE "message_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"on_date" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"org_id" uuid,
	"actor_id" uuid,
	"actor_name" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"public" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"message_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"content_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_settings" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"accept_days" integer NOT NULL,
	"transfer_days" integer NOT NULL,
	"consult_days" integer NOT NULL,
	"suggest_days" integer NOT NULL,
	"complain_days" integer NOT NULL,
	"report_days" integer NOT NULL,
	"extension_max_days" integer NOT NULL,
	"follow_up_days" integer NOT NULL,
	"veto_warn_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"origin_org_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"department_id" uuid,
	"receipt_no" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"channel" text DEFAULT 'ONLINE' NOT NULL,
	"category" text NOT NULL,
	"subject" text NOT NULL,
	"content" text NOT NULL,
	"writer_sealed" text NOT NULL,
	"writer_key" text NOT NULL,
	"publish_consent" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"received_on" date NOT NULL,
	"due_on" date,
	"handler_due_on" date,
	"answer_by" date,
	"answered_on" date,
	"reply" jsonb,
	"rating" text,
	"rating_comment" text,
	"rated_at" timestamp with time zone,
	"merged_into" uuid,
	"published_at" timestamp with time zone,
	"public_text" jsonb,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_org_id" uuid NOT NULL,
	"org_ids" uuid[] DEFAULT '{}' NOT NULL,
	"question" text NOT NULL,
	"phrasings" text[] DEFAULT '{}' NOT NULL,
	"answer" text NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"category" text DEFAULT '' NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"owner_name" text DEFAULT '' NOT NULL,
	"review_by" date NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"source_message_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_events" ADD CONSTRAINT "message_events_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_files" ADD CONSTRAINT "message_files_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_settings" ADD CONSTRAINT "message_settings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_origin_org_id_organisations_id_fk" FOREIGN KEY ("origin_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_entries" ADD CONSTRAINT "knowledge_entries_owner_org_id_organisations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "message_events_seq_key" ON "message_events" USING btree ("message_id","seq");--> statement-breakpoint
CREATE INDEX "message_files_message_idx" ON "message_files" USING btree ("message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_receipt_key" ON "messages" USING btree ("receipt_no");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_org_year_seq_key" ON "messages" USING btree ("origin_org_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_idem_key" ON "messages" USING btree ("origin_org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "messages_handler_due_idx" ON "messages" USING btree ("org_id","due_on");--> statement-breakpoint
CREATE INDEX "messages_origin_received_idx" ON "messages" USING btree ("origin_org_id","received_on");--> statement-breakpoint
CREATE INDEX "messages_writer_idx" ON "messages" USING btree ("writer_key","received_on");--> statement-breakpoint
CREATE INDEX "messages_published_idx" ON "messages" USING btree ("origin_org_id","published_at") WHERE "messages"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "knowledge_entries_owner_idx" ON "knowledge_entries" USING btree ("owner_org_id");--> statement-breakpoint
CREATE INDEX "knowledge_entries_updated_idx" ON "knowledge_entries" USING btree ("updated_at");