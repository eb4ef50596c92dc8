CREATE SEQUENCE "public"."customer_system_uid_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 200000 CACHE 1;--> statement-breakpoint
CREATE TABLE "ftp_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"user" text NOT NULL,
	"directory" text NOT NULL,
	"password_hash" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"removed_at" timestamp with time zone,
	"desired_generation" integer DEFAULT 1 NOT NULL,
	"applied_generation" integer DEFAULT 0 NOT NULL,
	"applied_state" text,
	"provisioning_state" text DEFAULT 'pending' NOT NULL,
	"provisioning_error" text,
	"provisioning_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"retry_at" timestamp with time zone,
	"claimed_until" timestamp with time zone,
	"claimed_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "ftp_account_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "system_uid" integer DEFAULT nextval('customer_system_uid_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "ftp_accounts" ADD CONSTRAINT "ftp_accounts_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ftp_accounts_user_key" ON "ftp_accounts" USING btree ("user");--> statement-breakpoint
CREATE INDEX "ftp_accounts_customer_id_idx" ON "ftp_accounts" USING btree ("customer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_system_uid_key" ON "customers" USING btree ("system_uid");--> statement-breakpoint
-- Every site is applied again once, so its home is handed over to the customer's new uid.
UPDATE "websites" SET "desired_generation" = "desired_generation" + 1 WHERE "removed_at" IS NULL;
