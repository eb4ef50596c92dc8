CREATE TABLE "idempotency_answers" (
	"user_id" uuid NOT NULL,
	"key_digest" text NOT NULL,
	"request_digest" text NOT NULL,
	"status" integer,
	"headers" jsonb,
	"sealed_body" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_answers_user_id_key_digest_pk" PRIMARY KEY("user_id","key_digest")
);
--> statement-breakpoint
ALTER TABLE "idempotency_answers" ADD CONSTRAINT "idempotency_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "idempotency_answers_expires_at_idx" ON "idempotency_answers" USING btree ("expires_at");