import { sql } from 'drizzle-orm';
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

  it('is served by the trigram indexes over the unaccented name, company and email', async () => {
    const plan = async (condition: ReturnType<typeof sql>) => {
      // Few rows here, so the planner would read the table, or all of a small index filtering
      // each row (keel_unaccent is cheap since migration 0022); without those choices it must
      // show that an index covers the search expression at all.
      return keel.handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_indexscan = off`);
        await tx.execute(sql`set local enable_indexonlyscan = off`);
        await tx.execute(sql`set local cpu_operator_cost = 10`);
        const result = await tx.execute(sql`explain select id from customers where ${condition}`);
        return JSON.stringify((result as { rows: unknown[] }).rows);
      });
    };
    expect(
      await plan(sql`keel_unaccent(first_name || ' ' || last_name) ilike keel_unaccent('%mull%')`),
    ).toContain('customers_full_name_trgm_idx');
    expect(await plan(sql`keel_unaccent(company) ilike keel_unaccent('%bäck%')`)).toContain(
      'customers_company_trgm_idx',
    );
    expect(await plan(sql`keel_unaccent(email) ilike keel_unaccent('%backer%')`)).toContain(
      'customers_email_trgm_idx',
    );
  });
});
