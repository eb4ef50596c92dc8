ALTER TABLE "websites" ADD COLUMN "php_enabled" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "php_version" text;