DROP INDEX "customers_reseller_id_idx";--> statement-breakpoint
CREATE INDEX "customers_by_reseller_name_idx" ON "customers" USING btree ("reseller_id",lower("last_name"),lower("first_name"),"id","status","last_name","first_name","company","email");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_company_idx" ON "customers" USING btree ("reseller_id",lower("company"),"id");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_email_idx" ON "customers" USING btree ("reseller_id","email","id");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_status_idx" ON "customers" USING btree ("reseller_id","status","id");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_reseller_idx" ON "customers" USING btree ("reseller_id",lower("reseller_name"),"id");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_package_idx" ON "customers" USING btree ("reseller_id",lower("package_name"),"id");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_site_count_idx" ON "customers" USING btree ("reseller_id","site_count","id");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_database_count_idx" ON "customers" USING btree ("reseller_id","database_count","id");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_created_at_idx" ON "customers" USING btree ("reseller_id","created_at","id");