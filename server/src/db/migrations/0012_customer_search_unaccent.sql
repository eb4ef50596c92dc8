-- Accent-insensitive customer search ("muller" finds "Müller"). unaccent() itself is only STABLE
-- (its dictionary could change), so an index cannot use it; keel_unaccent names the dictionary
-- explicitly and is declared IMMUTABLE, the usual way to index unaccented text.
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE OR REPLACE FUNCTION keel_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  RETURN public.unaccent('public.unaccent'::regdictionary, $1);--> statement-breakpoint
DROP INDEX "customers_full_name_trgm_idx";--> statement-breakpoint
DROP INDEX "customers_company_trgm_idx";--> statement-breakpoint
DROP INDEX "customers_email_trgm_idx";--> statement-breakpoint
CREATE INDEX "customers_full_name_trgm_idx" ON "customers" USING gin (keel_unaccent("first_name" || ' ' || "last_name") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_company_trgm_idx" ON "customers" USING gin (keel_unaccent("company") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "customers_email_trgm_idx" ON "customers" USING gin (keel_unaccent("email") gin_trgm_ops);