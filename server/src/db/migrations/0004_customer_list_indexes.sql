CREATE INDEX "customers_name_sort_idx" ON "customers" USING btree (lower("last_name"),lower("first_name"),"id");--> statement-breakpoint
CREATE INDEX "customers_company_sort_idx" ON "customers" USING btree (lower("company"),"id");--> statement-breakpoint
CREATE INDEX "customers_email_sort_idx" ON "customers" USING btree ("email","id");--> statement-breakpoint
CREATE INDEX "customers_status_sort_idx" ON "customers" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "customers_site_count_sort_idx" ON "customers" USING btree ("site_count","id");--> statement-breakpoint
CREATE INDEX "customers_database_count_sort_idx" ON "customers" USING btree ("database_count","id");--> statement-breakpoint
CREATE INDEX "customers_created_at_sort_idx" ON "customers" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "customers_full_name_trgm_idx" ON "customers" USING gin (("first_name" || ' ' || "last_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_company_trgm_idx" ON "customers" USING gin ("company" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_email_trgm_idx" ON "customers" USING gin ("email" gin_trgm_ops);