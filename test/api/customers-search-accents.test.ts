import { sql, TransactionRollbackError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { makeCustomer } from '../helpers/customer-factory.js';

describe('the customer search ignores accents', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const muller = await makeCustomer(keel, {
    firstName: 'Jürgen',
    lastName: 'Müller',
    company: 'Bäckerei Köln',
    email: 'jurgen@backerei.test',
  });
  const plain = await makeCustomer(keel, {
    firstName: 'Anais',
    lastName: 'Dubois',
    company: 'Atelier Ceramique',
    email: 'anais@atelier.test',
  });
  const other = await makeCustomer(keel, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@engines.test',
  });

  const ids = async (q: string) => {
    const response = await admin.get(`/customers?q=${encodeURIComponent(q)}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: { id: string }[] }).items.map((item) => item.id);
  };

  it('finds accented names and companies typed without accents, in any case', async () => {
    expect(await ids('muller')).toEqual([muller.id]);
    expect(await ids('MULLER')).toEqual([muller.id]);
    expect(await ids('jurgen muller')).toEqual([muller.id]);
    expect(await ids('backerei koln')).toEqual([muller.id]);
  });

  it('finds plain names typed with accents, and accented ones typed with them', async () => {
    expect(await ids('Anaïs')).toEqual([plain.id]);
    expect(await ids('céramique')).toEqual([plain.id]);
    expect(await ids('Müller')).toEqual([muller.id]);
    expect(await ids('lövelace')).toEqual([other.id]);
  });

  it('still takes % and _ literally', async () => {
    expect(await ids('m%ller')).toEqual([]);
    expect(await ids('m_ller')).toEqual([]);
  });

  it('matches within the name, the company or the email, never across two of them', async () => {
    expect(await ids('muller backerei')).toEqual([]);
    expect(await ids('koln jurgen')).toEqual([]);
    expect(await ids('lovelace ada')).toEqual([]);
  });

  it('finds a customer by what it was changed to, and no longer by what it was', async () => {
    const shown = (await admin.get(`/customers/${other.id}`)).json();
    const edited = await admin.patch(`/customers/${other.id}`, {
      lastName: 'Byrön',
      company: 'Analytical Engines',
      version: shown.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await ids('byron')).toEqual([other.id]);
    expect(await ids('analytical')).toEqual([other.id]);
    expect(await ids('lovelace')).toEqual([]);
  });

  it('is served by one trigram index over the folded text, with a reseller or status inside it', async () => {
    const plan = async (condition: ReturnType<typeof sql>) => {
      let shown = '';
      await keel.handle.db
        .transaction(async (tx) => {
          // Few rows here, so the planner would read the table, or a btree index holding the
          // reseller or the status and filter each row. Without those choices (those indexes
          // dropped until the transaction rolls back) it shows which index covers the search.
          await tx.execute(sql`set local enable_seqscan = off`);
          await tx.execute(sql`set local enable_indexscan = off`);
          await tx.execute(sql`set local enable_indexonlyscan = off`);
          const sortIndexes = await tx.execute(
            sql`select indexname from pg_indexes where tablename = 'customers' and indexdef like '%USING btree%' and indexdef not like 'CREATE UNIQUE%'`,
          );
          for (const { indexname } of (sortIndexes as unknown as { rows: { indexname: string }[] }).rows)
            await tx.execute(sql`drop index ${sql.identifier(indexname)}`);
          const result = await tx.execute(sql`explain select id from customers where ${condition}`);
          shown = (result as unknown as { rows: { 'QUERY PLAN': string }[] }).rows
            .map((row) => row['QUERY PLAN'])
            .join('\n');
          tx.rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof TransactionRollbackError)) throw error;
        });
      return shown;
    };
    const searched = sql`search_text like lower(keel_unaccent('%müll%'))`;
    expect(await plan(searched)).toContain('Bitmap Index Scan on customers_search_trgm_idx');
    // The reseller's customers and the search's trigrams are intersected by the one index scan.
    const byReseller = await plan(sql`reseller_id = '00000000-0000-4000-8000-000000000000' and ${searched}`);
    expect(byReseller).toMatch(/Index Cond: \(\(reseller_id = .*search_text ~~ '%mull%'/);
    const byStatus = await plan(sql`status = 'suspended' and ${searched}`);
    expect(byStatus).toMatch(/Index Cond: \(\(status = 'suspended'.*search_text ~~ '%mull%'/);
  });
});
