CREATE TABLE "wording_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"term" text NOT NULL,
	"kind" text NOT NULL,
	"suggestion" text DEFAULT '' NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "wording_entries" ADD CONSTRAINT "wording_entries_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "wording_entries_org_term_key" ON "wording_entries" USING btree ("org_id","term");--> statement-breakpoint
CREATE INDEX "wording_entries_org_idx" ON "wording_entries" USING btree ("org_id");