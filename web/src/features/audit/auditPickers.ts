import { api } from '../../api/client.js';
import { unwrap } from '../../api/problem.js';
import type { AuditEvent, Customer } from '../../api/types.js';
import type { PickerOption, PickerSource } from './SearchPicker.js';

const FOUND = 20;

/** A list route's query for the first options matching the typed text. */
const firstFound = (text: string) => ({ page: 1, perPage: FOUND, ...(text ? { q: text } : {}) });

/** "Müller GmbH (Jana Müller)", or the name alone: as the audit log names customers. */
const customerLabel = (customer: Pick<Customer, 'firstName' | 'lastName' | 'company'>) => {
  const name = `${customer.firstName} ${customer.lastName}`;
  return customer.company ? `${customer.company} (${name})` : name;
};

export const customerPicker: PickerSource = {
  label: 'Customer',
  placeholder: 'Any customer',
  queryKey: 'customers',
  search: async (text: string): Promise<PickerOption[]> => {
    const page = await unwrap(api.GET('/api/v1/customers', { params: { query: firstFound(text) } }));
    return page.items.map((customer) => ({ value: customer.id, label: customerLabel(customer) }));
  },
  labelOf: async (id: string) =>
    customerLabel(await unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } }))),
};

export const resellerPicker: PickerSource = {
  label: 'Reseller',
  placeholder: 'Any reseller',
  queryKey: 'resellers',
  search: async (text: string): Promise<PickerOption[]> => {
    const page = await unwrap(api.GET('/api/v1/resellers', { params: { query: firstFound(text) } }));
    return page.items.map((reseller) => ({ value: reseller.id, label: reseller.name }));
  },
  labelOf: async (id: string) =>
    (await unwrap(api.GET('/api/v1/resellers/{id}', { params: { path: { id } } }))).name,
};

type Person = NonNullable<AuditEvent['actor']>;

const personLabel = (person: Person) => `${person.name ?? person.email} (${person.role})`;

/** The people of a page of events: who acted and who impersonated, each once. */
function peopleOf(events: AuditEvent[]): Map<string, Person> {
  const people = new Map<string, Person>();
  for (const event of events) {
    for (const person of [event.actor, event.impersonator]) if (person) people.set(person.id, person);
  }
  return people;
}

const recentEvents = (query: { q?: string; actorId?: string }) =>
  unwrap(api.GET('/api/v1/audit', { params: { query: { page: 1, perPage: 100, ...query } } })).then(
    (page) => page.items,
  );

/**
 * People who acted, from the log itself (it knows admins, resellers and customers alike): those
 * of the latest events and of events matching the typed email, kept if their name or email holds
 * the typed text.
 */
export const actorPicker: PickerSource = {
  label: 'Done by',
  placeholder: 'Anyone',
  queryKey: 'actors',
  search: async (text: string): Promise<PickerOption[]> => {
    const [latest, matching] = await Promise.all([recentEvents({}), text ? recentEvents({ q: text }) : []]);
    const wanted = text.toLocaleLowerCase();
    return [...peopleOf([...matching, ...latest]).values()]
      .filter((person) => `${person.name ?? ''} ${person.email}`.toLocaleLowerCase().includes(wanted))
      .slice(0, FOUND)
      .map((person) => ({ value: person.id, label: personLabel(person) }));
  },
  labelOf: async (id: string) => {
    const person = peopleOf(await recentEvents({ actorId: id })).get(id);
    return person ? personLabel(person) : 'Someone no longer in Keel';
  },
};
