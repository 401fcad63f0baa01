CREATE TABLE "inspections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"preferred_on" date NOT NULL,
	"period" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"postal_prefix" text,
	"requested_at" timestamp with time zone NOT NULL,
	"inspector_id" uuid,
	"window_start" text,
	"window_end" text,
	"scheduled_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"result" text,
	"to_fix" text,
	"notes" text,
	"result_recorded_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspections" ADD CONSTRAINT "inspections_inspector_id_staff_members_id_fk" FOREIGN KEY ("inspector_id") REFERENCES "public"."staff_members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inspections_application_idx" ON "inspections" USING btree ("application_id","requested_at");--> statement-breakpoint
CREATE INDEX "inspections_day_idx" ON "inspections" USING btree ("preferred_on","postal_prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "inspections_open_type_idx" ON "inspections" USING btree ("application_id","type") WHERE "inspections"."status" in ('requested', 'scheduled');