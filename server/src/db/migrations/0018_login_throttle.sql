CREATE TABLE "login_throttle" (
	"throttle" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone,
	"forget_at" timestamp with time zone NOT NULL,
	CONSTRAINT "login_throttle_throttle_key_pk" PRIMARY KEY("throttle","key")
);
--> statement-breakpoint
CREATE INDEX "login_throttle_forget_at_idx" ON "login_throttle" USING btree ("forget_at");