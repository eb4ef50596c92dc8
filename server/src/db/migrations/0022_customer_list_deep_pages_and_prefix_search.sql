-- keel_unaccent (migration 0012) called unaccent() from SQL, so PostgreSQL could not inline it and
-- ran the SQL-function executor for every row a search filtered: about 1.6 µs per call, 4 calls
-- per row for a short search. Calling unaccent's C function directly, declared IMMUTABLE, lets
-- the wrapper inline: 5 times faster, same results, so the indexes over it stay valid.
CREATE OR REPLACE FUNCTION keel_unaccent_dictionary(regdictionary, text) RETURNS text
  LANGUAGE c IMMUTABLE PARALLEL SAFE STRICT AS '$libdir/unaccent', 'unaccent_dict';--> statement-breakpoint
CREATE OR REPLACE FUNCTION keel_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN keel_unaccent_dictionary('public.unaccent'::regdictionary, $1);--> statement-breakpoint
-- A session keeps the index expressions it has read in its cache, as they were (keel_unaccent not
-- inlined), and would no longer match queries over the new wrapper with them: on PGlite that is
-- Keel's one session for its whole run. Setting a storage option of each index over keel_unaccent
-- (to the value it had) makes every session read them again.
ALTER INDEX "customers_full_name_trgm_idx" SET (fastupdate = on);--> statement-breakpoint
ALTER INDEX "customers_company_trgm_idx" SET (fastupdate = on);--> statement-breakpoint
ALTER INDEX "customers_email_trgm_idx" SET (fastupdate = on);--> statement-breakpoint
DROP INDEX "customers_company_sort_idx";--> statement-breakpoint
DROP INDEX "customers_by_reseller_company_idx";--> statement-breakpoint
DROP INDEX "customers_email_sort_idx";--> statement-breakpoint
DROP INDEX "customers_by_reseller_email_idx";--> statement-breakpoint
DROP INDEX "customers_reseller_sort_idx";--> statement-breakpoint
DROP INDEX "customers_by_reseller_reseller_idx";--> statement-breakpoint
DROP INDEX "customers_package_sort_idx";--> statement-breakpoint
DROP INDEX "customers_by_reseller_package_idx";--> statement-breakpoint
DROP INDEX "customers_site_count_sort_idx";--> statement-breakpoint
DROP INDEX "customers_by_reseller_site_count_idx";--> statement-breakpoint
DROP INDEX "customers_database_count_sort_idx";--> statement-breakpoint
DROP INDEX "customers_by_reseller_database_count_idx";--> statement-breakpoint
DROP INDEX "customers_created_at_sort_idx";--> statement-breakpoint
DROP INDEX "customers_by_reseller_created_at_idx";--> statement-breakpoint
CREATE INDEX "customers_rare_status_name_idx" ON "customers" USING btree ("status",lower("last_name"),lower("first_name"),"id","last_name","first_name") WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_company_idx" ON "customers" USING btree ("status",lower("company"),"id","company") WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_email_idx" ON "customers" USING btree ("status","email","id") WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_reseller_idx" ON "customers" USING btree ("status",lower("reseller_name"),"id","reseller_name") WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_package_idx" ON "customers" USING btree ("status",lower("package_name"),"id","package_name") WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_site_count_idx" ON "customers" USING btree ("status","site_count","id") WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_database_count_idx" ON "customers" USING btree ("status","database_count","id") WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_rare_status_created_at_idx" ON "customers" USING btree ("status","created_at","id") WHERE "customers"."status" <> 'active';--> statement-breakpoint
CREATE INDEX "customers_first_name_prefix_idx" ON "customers" USING btree (lower(keel_unaccent("first_name")) text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_last_name_prefix_idx" ON "customers" USING btree (lower(keel_unaccent("last_name")) text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_company_prefix_idx" ON "customers" USING btree (lower(keel_unaccent("company")) text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_email_prefix_idx" ON "customers" USING btree (lower(keel_unaccent("email")) text_pattern_ops);--> statement-breakpoint
CREATE INDEX "customers_company_sort_idx" ON "customers" USING btree (lower("company"),"id","status","company");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_company_idx" ON "customers" USING btree ("reseller_id",lower("company"),"id","status","company");--> statement-breakpoint
CREATE INDEX "customers_email_sort_idx" ON "customers" USING btree ("email","id","status");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_email_idx" ON "customers" USING btree ("reseller_id","email","id","status");--> statement-breakpoint
CREATE INDEX "customers_reseller_sort_idx" ON "customers" USING btree (lower("reseller_name"),"id","status","reseller_name");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_reseller_idx" ON "customers" USING btree ("reseller_id",lower("reseller_name"),"id","status","reseller_name");--> statement-breakpoint
CREATE INDEX "customers_package_sort_idx" ON "customers" USING btree (lower("package_name"),"id","status","package_name");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_package_idx" ON "customers" USING btree ("reseller_id",lower("package_name"),"id","status","package_name");--> statement-breakpoint
CREATE INDEX "customers_site_count_sort_idx" ON "customers" USING btree ("site_count","id","status");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_site_count_idx" ON "customers" USING btree ("reseller_id","site_count","id","status");--> statement-breakpoint
CREATE INDEX "customers_database_count_sort_idx" ON "customers" USING btree ("database_count","id","status");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_database_count_idx" ON "customers" USING btree ("reseller_id","database_count","id","status");--> statement-breakpoint
CREATE INDEX "customers_created_at_sort_idx" ON "customers" USING btree ("created_at","id","status");--> statement-breakpoint
CREATE INDEX "customers_by_reseller_created_at_idx" ON "customers" USING btree ("reseller_id","created_at","id","status");