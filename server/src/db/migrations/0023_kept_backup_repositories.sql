CREATE TABLE "kept_backup_repositories" (
	"customer_id" uuid PRIMARY KEY NOT NULL,
	"directory" text NOT NULL,
	"encrypted_password" text NOT NULL,
	"customer_email" text NOT NULL,
	"kept_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
