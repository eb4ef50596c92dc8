ALTER TABLE "websites" ADD COLUMN "tls_source" text;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_redirect_http" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_state" text DEFAULT 'none' NOT NULL;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_issuer" text;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_error" text;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_certificate" text;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_private_key" text;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_retry_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "websites" ADD COLUMN "tls_claimed_until" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "websites_tls_retry_at_idx" ON "websites" USING btree ("tls_retry_at") WHERE "websites"."tls_source" = 'acme';