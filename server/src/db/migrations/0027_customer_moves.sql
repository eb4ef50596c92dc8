CREATE TABLE "customer_moves" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"from_server_id" uuid NOT NULL,
	"to_server_id" uuid NOT NULL,
	"state" text DEFAULT 'running' NOT NULL,
	"step" text DEFAULT 'backing-up' NOT NULL,
	"error" text,
	"job_id" uuid,
	"backup_id" uuid,
	"runner" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"step_started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "backup_jobs" ADD COLUMN "server_id" uuid;--> statement-breakpoint
ALTER TABLE "customer_moves" ADD CONSTRAINT "customer_moves_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_moves" ADD CONSTRAINT "customer_moves_from_server_id_servers_id_fk" FOREIGN KEY ("from_server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_moves" ADD CONSTRAINT "customer_moves_to_server_id_servers_id_fk" FOREIGN KEY ("to_server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_moves" ADD CONSTRAINT "customer_moves_job_id_backup_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."backup_jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "customer_moves_customer_id_idx" ON "customer_moves" USING btree ("customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_moves_one_running_key" ON "customer_moves" USING btree ("customer_id") WHERE "customer_moves"."state" = 'running';--> statement-breakpoint
ALTER TABLE "backup_jobs" ADD CONSTRAINT "backup_jobs_server_id_servers_id_fk" FOREIGN KEY ("server_id") REFERENCES "public"."servers"("id") ON DELETE cascade ON UPDATE no action;