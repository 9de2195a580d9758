CREATE TABLE "disclosure_appeals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"filed_on" date NOT NULL,
	"body" text NOT NULL,
	"result" text DEFAULT 'pending' NOT NULL,
	"concluded_on" date,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosure_request_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"action" text NOT NULL,
	"on_date" date NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" uuid,
	"actor_name" text DEFAULT '' NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"public" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosure_request_files" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"content_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disclosure_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"receipt_no" text NOT NULL,
	"year" integer NOT NULL,
	"seq" integer NOT NULL,
	"channel" text NOT NULL,
	"applicant_type" text NOT NULL,
	"applicant_sealed" text NOT NULL,
	"applicant_key" text NOT NULL,
	"info_title" text DEFAULT '' NOT NULL,
	"info_doc_no" text DEFAULT '' NOT NULL,
	"info_description" text NOT NULL,
	"purpose" text DEFAULT '' NOT NULL,
	"provision_form" text NOT NULL,
	"delivery" text NOT NULL,
	"status" text NOT NULL,
	"arrived_on" date NOT NULL,
	"received_on" date,
	"due_on" date,
	"paused" text,
	"department_id" uuid,
	"officer_id" uuid,
	"outcome" text,
	"reply" jsonb,
	"letter_no" text,
	"concluded_on" date,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disclosure_appeals" ADD CONSTRAINT "disclosure_appeals_request_id_disclosure_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."disclosure_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_appeals" ADD CONSTRAINT "disclosure_appeals_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_request_events" ADD CONSTRAINT "disclosure_request_events_request_id_disclosure_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."disclosure_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_request_files" ADD CONSTRAINT "disclosure_request_files_request_id_disclosure_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."disclosure_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD CONSTRAINT "disclosure_requests_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD CONSTRAINT "disclosure_requests_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosure_appeals_request_idx" ON "disclosure_appeals" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "disclosure_appeals_org_idx" ON "disclosure_appeals" USING btree ("org_id","filed_on");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_request_events_seq_key" ON "disclosure_request_events" USING btree ("request_id","seq");--> statement-breakpoint
CREATE INDEX "disclosure_request_files_request_idx" ON "disclosure_request_files" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_requests_receipt_key" ON "disclosure_requests" USING btree ("receipt_no");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_requests_org_year_seq_key" ON "disclosure_requests" USING btree ("org_id","year","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "disclosure_requests_idem_key" ON "disclosure_requests" USING btree ("org_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "disclosure_requests_open_due_idx" ON "disclosure_requests" USING btree ("org_id","due_on","created_at" DESC NULLS LAST) WHERE "disclosure_requests"."concluded_on" is null;--> statement-breakpoint
CREATE INDEX "disclosure_requests_org_created_idx" ON "disclosure_requests" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "disclosure_requests_applicant_idx" ON "disclosure_requests" USING btree ("applicant_key","arrived_on");