import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { testApp } from '../helpers/app.js';
import { makeCustomer } from '../helpers/customer-factory.js';

describe('a search of one or two letters matches the start of a name, company or email', async () => {
  const keel = await testApp();
  const admin = await keel.admin();
  const ada = await makeCustomer(keel, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    company: 'Analytical Engines',
    email: 'countess@engines.test',
  });
  const bob = await makeCustomer(keel, { firstName: 'Bob', lastName: 'Adams', email: 'bob@x.test' });
  const emile = await makeCustomer(keel, {
    firstName: 'Émile',
    lastName: 'Zola',
    company: 'Ölwerk',
    email: 'zola@paris.test',
  });
  const percent = await makeCustomer(keel, {
    firstName: 'Per',
    lastName: 'Cent',
    company: '%Off Shop',
    email: 'deals@x.test',
  });

  const ids = async (q: string) => {
    const response = await admin.get(`/customers?sort=email&q=${encodeURIComponent(q)}`);
    expect(response.statusCode, response.body).toBe(200);
    return (response.json() as { items: { id: string }[] }).items.map((item) => item.id);
  };

  it('matches the first letters of a first name, last name, company or email, in any case', async () => {
    expect(await ids('a')).toEqual([bob.id, ada.id]);
    expect(await ids('AD')).toEqual([bob.id, ada.id]);
    expect(await ids('lo')).toEqual([ada.id]);
    expect(await ids('co')).toEqual([ada.id]);
    expect(await ids('z')).toEqual([emile.id]);
  });

  it('ignores accents on either side', async () => {
    expect(await ids('em')).toEqual([emile.id]);
    expect(await ids('ol')).toEqual([emile.id]);
    expect(await ids('Öl')).toEqual([emile.id]);
  });

  it('does not match letters inside a word, which three letters or more do', async () => {
    expect(await ids('ng')).toEqual([]);
    expect(await ids('ngi')).toEqual([ada.id]);
    expect(await ids('e')).toEqual([emile.id]);
  });

  it('takes % and _ literally', async () => {
    expect(await ids('%')).toEqual([percent.id]);
    expect(await ids('%o')).toEqual([percent.id]);
    expect(await ids('_')).toEqual([]);
  });

  it('is served by the prefix indexes of the first name, last name, company and email', async () => {
    const plan = async (column: string) =>
      // Few rows here, so the planner would read the table; without that choice it must show
      // that an index covers the prefix expression at all.
      keel.handle.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const result = await tx.execute(
          sql`explain select id from customers where lower(keel_unaccent(${sql.identifier(column)})) like 'ab%'`,
        );
        return JSON.stringify((result as { rows: unknown[] }).rows);
      });
    for (const column of ['first_name', 'last_name', 'company', 'email'])
      expect(await plan(column)).toContain(`customers_${column}_prefix_idx`);
  });
});
