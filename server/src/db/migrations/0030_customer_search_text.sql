-- A search folds each customer's name, company and email once, when the row is written, instead
-- of unaccenting three columns for every row it reads; one trigram index over that text replaces
-- the three, and carries the reseller and status columns (btree_gin) so that a reseller's or a
-- status's search count intersects them inside the index.
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
DROP INDEX "customers_full_name_trgm_idx";--> statement-breakpoint
DROP INDEX "customers_company_trgm_idx";--> statement-breakpoint
DROP INDEX "customers_email_trgm_idx";--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(keel_unaccent(first_name || ' ' || last_name || E'\n' || coalesce(company, '') || E'\n' || email))) STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_search_trgm_idx" ON "customers" USING gin ("reseller_id","status","search_text" gin_trgm_ops);