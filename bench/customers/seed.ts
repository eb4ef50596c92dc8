import { hashPassword } from '../../server/src/auth/password-hash.js';
import type { BenchDatabase } from './bench-database.js';
import { customerAt, packageAt, packageCount, resellerAt, resellerCount } from './population.js';

/** Every seeded user (resellers and customers) signs in with this; the admin too. */
export const benchPassword = 'Tidewater-Lantern-73!';

const batchSize = 5_000;

const insertUsers = `
  insert into users (id, email, name, role, password_hash, password_changed_at, created_at, updated_at)
  select id, email, name, role, $5, created, created, created
  from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $6::timestamptz[]) as t(id, email, name, role, created)`;

const insertCustomers = `
  insert into customers (id, user_id, reseller_id, package_id, first_name, last_name, company, email,
    status, status_before_delete, suspended_at, suspend_reason, deleted_at, purge_after,
    site_count, database_count, created_at, updated_at)
  select id, user_id, reseller_id, package_id, first_name, last_name, company, email, status,
    case when status = 'deleted' then 'active' end,
    case when status = 'suspended' then since end,
    case when status = 'suspended' then 'Invoice overdue' end,
    case when status = 'deleted' then since end,
    -- Far enough ahead that Keel's purge scheduler leaves the seeded customers alone.
    case when status = 'deleted' then since + interval '10 years' end,
    site_count, database_count, created, since
  from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::text[], $7::text[],
    $8::text[], $9::text[], $10::int[], $11::int[], $12::timestamptz[], $13::timestamptz[])
    as t(id, user_id, reseller_id, package_id, first_name, last_name, company, email, status,
      site_count, database_count, created, since)`;

/** Columns of a batch as parallel arrays, the shape unnest() takes. */
function columns<Row, Key extends string>(rows: Row[], pick: (row: Row) => Record<Key, unknown>) {
  const picked = rows.map(pick);
  const keys = Object.keys(picked[0] ?? {}) as Key[];
  return keys.map((key) => picked.map((row) => row[key]));
}

async function seedResellersAndPackages(database: BenchDatabase, passwordHash: string) {
  const resellers = Array.from({ length: resellerCount }, (_, index) => resellerAt(index));
  const created = new Date(Date.UTC(2018, 0, 1)).toISOString();
  const [ids, emails, names] = columns(resellers, (r) => ({ id: r.userId, email: r.email, name: r.name }));
  await database.query(insertUsers, [
    ids,
    emails,
    names,
    resellers.map(() => 'reseller'),
    passwordHash,
    resellers.map(() => created),
  ]);
  await database.query(
    `insert into resellers (id, user_id, company, created_at, updated_at)
     select id, user_id, company, $4, $4 from unnest($1::uuid[], $2::uuid[], $3::text[]) as t(id, user_id, company)`,
    [...columns(resellers, (r) => ({ id: r.id, userId: r.userId, company: r.company })), created],
  );
  const packages = Array.from({ length: packageCount }, (_, index) => packageAt(index));
  await database.query(
    `insert into packages (id, name, sites, databases, mailboxes, disk_mb)
     select * from unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::int[], $6::int[])`,
    columns(packages, (p) => ({
      id: p.id,
      name: p.name,
      sites: p.sites,
      databases: p.databases,
      mailboxes: p.mailboxes,
      diskMb: p.diskMb,
    })),
  );
}

async function seedCustomerBatch(database: BenchDatabase, passwordHash: string, from: number, to: number) {
  const batch = Array.from({ length: to - from }, (_, offset) => customerAt(from + offset));
  const created = batch.map((c) => c.createdAt.toISOString());
  await database.query(insertUsers, [
    batch.map((c) => c.userId),
    batch.map((c) => c.email),
    batch.map((c) => `${c.firstName} ${c.lastName}`),
    batch.map(() => 'customer'),
    passwordHash,
    created,
  ]);
  await database.query(insertCustomers, [
    ...columns(batch, (c) => ({
      id: c.id,
      userId: c.userId,
      resellerId: c.resellerId,
      packageId: c.packageId,
      firstName: c.firstName,
      lastName: c.lastName,
      company: c.company,
      email: c.email,
      status: c.status,
      siteCount: c.siteCount,
      databaseCount: c.databaseCount,
    })),
    created,
    batch.map((c) => c.statusSince.toISOString()),
  ]);
}

/**
 * Bulk loads are faster without secondary indexes: drop the ones no constraint needs, load, and
 * build them again from their own definitions (so the seed never drifts from the migrations).
 */
async function withoutSecondaryIndexes(database: BenchDatabase, load: () => Promise<void>) {
  const indexes = await database.query<{ name: string; definition: string }>(
    `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
     from pg_index i
     where i.indrelid in ('users'::regclass, 'customers'::regclass)
       and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
  );
  for (const index of indexes) await database.exec(`drop index ${index.name}`);
  await load();
  for (const index of indexes) {
    await database.exec(`set maintenance_work_mem = '256MB'; ${index.definition}`);
  }
}

/** Seeds resellers, packages and `count` customers with their users; prints progress. */
export async function seedPopulation(database: BenchDatabase, count: number, print: (line: string) => void) {
  // One hash for everyone: argon2 per row would take hours at a million customers.
  const passwordHash = await hashPassword(benchPassword);
  await seedResellersAndPackages(database, passwordHash);
  const started = Date.now();
  await withoutSecondaryIndexes(database, async () => {
    for (let from = 0; from < count; from += batchSize) {
      await seedCustomerBatch(database, passwordHash, from, Math.min(from + batchSize, count));
      if ((from / batchSize) % 20 === 19) print(`  ${from + batchSize} customers …`);
    }
    print(
      `  ${count} customers loaded in ${((Date.now() - started) / 1000).toFixed(0)} s; building indexes …`,
    );
  });
  // What autovacuum would have done on a live system: planner statistics and the visibility map.
  await database.exec('vacuum analyze users, resellers, packages, customers');
  print(`  seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

export async function seededCustomerCount(database: BenchDatabase): Promise<number> {
  const [row] = await database.query<{ count: string | number }>('select count(*) as count from customers');
  return Number(row?.count ?? 0);
}
