CREATE TABLE "servers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"roles" text[] NOT NULL,
	"capacity" integer DEFAULT 500 NOT NULL,
	"local" boolean DEFAULT false NOT NULL,
	"last_seen_at" timestamp with time zone,
	"agent_version" text,
	"agent_credential_hash" text,
	"enrollment_token_hash" text,
	"enrollment_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- The panel's own machine: every customer that exists lives on it, and a single-machine Keel keeps
-- placing them there. Its roles are all five; its agent is the panel's in-process reconciler.
INSERT INTO "servers" ("name", "roles", "local") VALUES ('local', ARRAY['web','database','mail','dns','ftp'], true);--> statement-breakpoint
-- The default of customers.server_id: a customer inserted without a server lives on the local one.
CREATE FUNCTION keel_local_server() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT id FROM servers WHERE local $$;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "server_id" uuid DEFAULT keel_local_server() NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "servers_name_key" ON "servers" USING btree (lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "servers_local_key" ON "servers" USING btree ("local") WHERE "servers"."local";--> statement-breakpoint
CREATE UNIQUE INDEX "servers_agent_credential_key" ON "servers" USING btree ("agent_credential_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "servers_enrollment_token_key" ON "servers" USING btree ("enrollment_token_hash");--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customers_server_id_idx" ON "customers" USING btree ("server_id");