import type { KeelApi } from './keelApi.js';

// Long, international names and companies, as a real customer base has them.
const firstNames = [
  'Björn',
  'Zoë',
  'Łukasz',
  'Anaïs',
  'Jürgen',
  'Siobhán',
  'Ingrid',
  'Rafael',
  'Mei',
  'Ólafur',
];
const lastNames = [
  'Müller',
  'Fernández-Castellanos',
  'Wiśniewski',
  "O'Sullivan",
  'Van der Berghe-Janssens',
  'Nakamura',
  'Þórðarson',
  'Dubois',
  'Kowalczyk',
  'Papadopoulou',
];
const companies = [
  'Bäckerei & Konditorei Müller GmbH',
  'Fernández-Castellanos Arquitectos Asociados S.L.',
  null,
  'Nordic Fjord Adventure Travel Cooperative',
  'Atelier Céramique de la Vallée',
  null,
  'Kowalczyk Transport i Logistyka Sp. z o.o.',
];

export const sampleSize = 60;

type SeededReseller = { id: string; email: string; password: string };

/**
 * 3 resellers, 5 packages and 60 customers with long international names; the last few suspended.
 * Returns the resellers (to sign in as one) and the packages, from small to large.
 */
export async function seedRealisticCustomers(
  api: KeelApi,
): Promise<{ resellers: SeededReseller[]; packages: { id: string }[] }> {
  const resellers: SeededReseller[] = [];
  for (const name of ['Northwind Hosting Partners', 'Alpenländische Webdienste', 'Harbour & Quay Digital']) {
    const slug = name.toLowerCase().replace(/[^a-z]+/g, '');
    const email = `sales@${slug}.test`;
    const created = await api.request<{ reseller: { id: string }; password: string }>('POST', '/resellers', {
      name,
      email,
    });
    resellers.push({ id: created.reseller.id, email, password: created.password });
  }
  const packages = [];
  for (const [name, sites] of [
    ['Starter', 1],
    ['Business', 5],
    ['Business Plus Unlimited', 25],
    ['Agency', 50],
    ['Enterprise Reserved Capacity', 100],
  ] as const) {
    packages.push(await api.request<{ id: string }>('POST', '/packages', { name, limits: { sites } }));
  }
  for (let n = 0; n < sampleSize; n += 1) {
    const firstName = firstNames[n % firstNames.length] ?? 'Ana';
    const lastName = lastNames[Math.floor(n / firstNames.length) % lastNames.length] ?? 'Silva';
    const { customer } = await api.createCustomer(
      firstName,
      lastName,
      `${firstName}.${lastName}.${n}@a-rather-long-customer-domain.example`
        .normalize('NFD')
        .replace(/[^\x20-\x7e]/g, '')
        .replace(/[^a-zA-Z0-9.@-]/g, '')
        .toLowerCase(),
      {
        company: companies[n % companies.length],
        resellerId: resellers[n % resellers.length]?.id,
        packageId: packages[n % packages.length]?.id,
      },
    );
    if (n >= sampleSize - 4) {
      await api.request('POST', `/customers/${customer.id}/suspend`, {
        reason: 'Unpaid invoice 2026-1042, reminded twice by email and by phone',
      });
    }
  }
  return { resellers, packages };
}
