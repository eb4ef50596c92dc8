ALTER TABLE "customers" ADD COLUMN "reseller_name" text;--> statement-breakpoint
ALTER TABLE "customers" ADD COLUMN "package_name" text;--> statement-breakpoint
-- The customer list sorts by the reseller's and the package's names. An index serves a sort only on
-- the table's own columns, so the customer row keeps copies; these triggers keep them true whichever
-- use case writes the customer, the reseller's user or the package.
CREATE FUNCTION customers_copy_sort_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.reseller_name := (SELECT u.name FROM resellers r JOIN users u ON u.id = r.user_id WHERE r.id = NEW.reseller_id);
  NEW.package_name := (SELECT p.name FROM packages p WHERE p.id = NEW.package_id);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER customers_sort_names BEFORE INSERT OR UPDATE OF reseller_id, package_id ON customers
  FOR EACH ROW EXECUTE FUNCTION customers_copy_sort_names();--> statement-breakpoint
CREATE FUNCTION customers_follow_reseller_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE customers SET reseller_name = NEW.name
  WHERE reseller_id IN (SELECT r.id FROM resellers r WHERE r.user_id = NEW.id);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER users_reseller_name_to_customers AFTER UPDATE OF name ON users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name AND NEW.role = 'reseller')
  EXECUTE FUNCTION customers_follow_reseller_name();--> statement-breakpoint
CREATE FUNCTION customers_follow_package_name() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE customers SET package_name = NEW.name WHERE package_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER packages_name_to_customers AFTER UPDATE OF name ON packages
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name)
  EXECUTE FUNCTION customers_follow_package_name();--> statement-breakpoint
UPDATE customers c SET
  reseller_name = (SELECT u.name FROM resellers r JOIN users u ON u.id = r.user_id WHERE r.id = c.reseller_id),
  package_name = (SELECT p.name FROM packages p WHERE p.id = c.package_id)
WHERE c.reseller_id IS NOT NULL OR c.package_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "customers_reseller_sort_idx" ON "customers" USING btree (lower("reseller_name"),"id");--> statement-breakpoint
CREATE INDEX "customers_package_sort_idx" ON "customers" USING btree (lower("package_name"),"id");
