CREATE TABLE "contact_details_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"source" text NOT NULL,
	"fields" jsonb NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contact_details_changes" ADD CONSTRAINT "contact_details_changes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contact_details_changes_user_id_changed_at_index" ON "contact_details_changes" USING btree ("user_id","changed_at");--> statement-breakpoint
-- One profile: a registration's details become the person's contact details where they have none
-- (a person who has both keeps the contact details, the newer copy shown in "Mes paramètres"),
-- with a change record saying which fields came from the registration; then the registration
-- keeps only its own facts.
INSERT INTO "contact_details_changes" ("user_id", "source", "fields", "changed_at")
SELECT r."user_id", 'migration', to_jsonb(array_remove(ARRAY[
		CASE WHEN r."title" IS NOT NULL THEN 'title' END,
		CASE WHEN r."first_name" IS NOT NULL THEN 'firstName' END,
		CASE WHEN r."last_name" IS NOT NULL THEN 'lastName' END,
		CASE WHEN r."communication_language" IS NOT NULL THEN 'communicationLanguage' END,
		CASE WHEN r."unit" IS NOT NULL THEN 'unit' END,
		CASE WHEN r."address1" IS NOT NULL THEN 'address1' END,
		CASE WHEN r."address2" IS NOT NULL THEN 'address2' END,
		CASE WHEN r."city" IS NOT NULL THEN 'city' END,
		CASE WHEN r."province" IS NOT NULL THEN 'province' END,
		CASE WHEN r."postal_code" IS NOT NULL THEN 'postalCode' END,
		CASE WHEN r."country" IS NOT NULL THEN 'country' END,
		CASE WHEN r."phone" IS NOT NULL THEN 'phone' END,
		CASE WHEN r."phone_extension" IS NOT NULL THEN 'phoneExtension' END,
		CASE WHEN r."secondary_phone" IS NOT NULL THEN 'secondaryPhone' END,
		CASE WHEN r."secondary_phone_extension" IS NOT NULL THEN 'secondaryPhoneExtension' END
	]::text[], NULL)), r."updated_at"
FROM "building_registrations" r
WHERE NOT EXISTS (SELECT 1 FROM "contact_details" c WHERE c."user_id" = r."user_id");--> statement-breakpoint
INSERT INTO "contact_details" ("user_id", "title", "first_name", "last_name", "communication_language", "unit", "address1", "address2", "city", "province", "postal_code", "country", "phone", "phone_extension", "secondary_phone", "secondary_phone_extension", "updated_at")
SELECT r."user_id", r."title", r."first_name", r."last_name", r."communication_language", r."unit", r."address1", r."address2", r."city", r."province", r."postal_code", r."country", r."phone", r."phone_extension", r."secondary_phone", r."secondary_phone_extension", r."updated_at"
FROM "building_registrations" r
WHERE NOT EXISTS (SELECT 1 FROM "contact_details" c WHERE c."user_id" = r."user_id");--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "first_name";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "last_name";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "communication_language";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "unit";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "address1";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "address2";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "city";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "province";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "postal_code";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "country";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "phone";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "phone_extension";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "secondary_phone";--> statement-breakpoint
ALTER TABLE "building_registrations" DROP COLUMN "secondary_phone_extension";