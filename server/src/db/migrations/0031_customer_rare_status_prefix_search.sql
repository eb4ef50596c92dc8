-- A short search among the suspended or deleted customers reads the range of its status in
-- indexes of their own, as their sorts do, instead of ANDing the status with prefix ranges that hold
-- a sixth of all customers.
CREATE INDEX "customers_rare_status_first_name_prefix_idx" ON "customers" USING btree ("status",lower(keel_unaccent("first_name")) text_pattern_ops) WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_last_name_prefix_idx" ON "customers" USING btree ("status",lower(keel_unaccent("last_name")) text_pattern_ops) WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_company_prefix_idx" ON "customers" USING btree ("status",lower(keel_unaccent("company")) text_pattern_ops) WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_email_prefix_idx" ON "customers" USING btree ("status",lower(keel_unaccent("email")) text_pattern_ops) WHERE "customers"."status" <> 'active';