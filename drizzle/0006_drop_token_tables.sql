DROP TABLE "activation_tokens" CASCADE;--> statement-breakpoint
DROP TABLE "email_change_tokens" CASCADE;--> statement-breakpoint
DROP TABLE "password_reset_tokens" CASCADE;