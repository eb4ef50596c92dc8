CREATE TABLE "acme_challenges" (
	"token" text PRIMARY KEY NOT NULL,
	"website_id" uuid NOT NULL,
	"key_authorization" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"placed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "acme_challenges" ADD CONSTRAINT "acme_challenges_website_id_websites_id_fk" FOREIGN KEY ("website_id") REFERENCES "public"."websites"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "acme_challenges_website_id_idx" ON "acme_challenges" USING btree ("website_id");