CREATE TABLE "dns_zone_servers" (
	"resource_id" uuid NOT NULL,
	"server_id" uuid NOT NULL,
	"applied_generation" integer DEFAULT 0 NOT NULL,
	"applied_state" text,
	"provisioning_state" text DEFAULT 'pending' NOT NULL,
	"provisioning_error" text,
	"provisioning_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"retry_at" timestamp with time zone,
	"claimed_until" timestamp with time zone,
	"claimed_by" text,
	CONSTRAINT "dns_zone_servers_resource_id_server_id_pk" PRIMARY KEY("resource_id","server_id")
);
--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "home_removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dns_zone_servers" ADD CONSTRAINT "dns_zone_servers_resource_id_dns_zones_id_fk" FOREIGN KEY ("resource_id") REFERENCES "public"."dns_zones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dns_zone_servers" ADD CONSTRAINT "dns_zone_servers_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dns_zone_servers_server_id_idx" ON "dns_zone_servers" USING btree ("server_id");--> statement-breakpoint
-- Until now a zone was served by its customer's server alone, with its applied state on its own
-- row: that state becomes the customer's server's row here, and the zone's own columns stop being
-- the reconciler's (every server with the dns role keeps its own row from now on).
INSERT INTO "dns_zone_servers" ("resource_id", "server_id", "applied_generation", "applied_state", "provisioning_state", "provisioning_error", "provisioning_updated_at", "attempts", "retry_at")
SELECT z."id", c."server_id", z."applied_generation", z."applied_state", z."provisioning_state", z."provisioning_error", z."provisioning_updated_at", z."attempts", z."retry_at"
FROM "dns_zones" z JOIN "customers" c ON c."id" = z."customer_id"
WHERE z."applied_state" IS NOT NULL OR z."provisioning_state" = 'error';--> statement-breakpoint
UPDATE "dns_zones" SET "applied_generation" = 0, "applied_state" = NULL, "provisioning_state" = 'pending', "provisioning_error" = NULL, "attempts" = 0, "retry_at" = NULL, "claimed_until" = NULL, "claimed_by" = NULL;
