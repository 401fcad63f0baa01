CREATE TABLE "building_registrations" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"title" text,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"communication_language" text NOT NULL,
	"unit" text,
	"address1" text,
	"address2" text,
	"city" text,
	"province" text,
	"postal_code" text,
	"country" text,
	"phone" text NOT NULL,
	"phone_extension" text,
	"secondary_phone" text,
	"secondary_phone_extension" text,
	"notice_version" text NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"client_record_choice" text,
	"client_record_choice_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "client_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_number" text NOT NULL,
	"first_name" text NOT NULL,
	"last_name" text NOT NULL,
	"address" text,
	"pin_hash" text NOT NULL,
	"pin_issued_at" timestamp with time zone NOT NULL,
	"pin_expires_at" timestamp with time zone NOT NULL,
	"pin_used_at" timestamp with time zone,
	"linked_user_id" uuid,
	"linked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_records_client_number_unique" UNIQUE("client_number"),
	CONSTRAINT "client_records_linked_user_id_unique" UNIQUE("linked_user_id")
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"service_key" text NOT NULL,
	"action" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"notice_version" text NOT NULL,
	"notice_locale" text NOT NULL,
	"notice_sha256" text NOT NULL,
	"fields_shared" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pin_lockouts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "building_registrations" ADD CONSTRAINT "building_registrations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_records" ADD CONSTRAINT "client_records_linked_user_id_users_id_fk" FOREIGN KEY ("linked_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pin_lockouts" ADD CONSTRAINT "pin_lockouts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_records_pin_hash_idx" ON "client_records" USING btree ("pin_hash");--> statement-breakpoint
CREATE INDEX "consents_user_id_occurred_at_index" ON "consents" USING btree ("user_id","occurred_at");