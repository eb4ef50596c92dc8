ALTER TABLE "packages" ADD COLUMN "server_group" text;--> statement-breakpoint
ALTER TABLE "servers" ADD COLUMN "group_name" text;