import { type Static, Type } from 'typebox';
import { permissionsFor } from '../contract/permissions.js';
import { Email, IdParams, listOf, pagingFields, sortParameter, Timestamp } from '../contract/schemas.js';
import { VisibleText } from '../contract/visible-text.js';
import { resellerActions } from './reseller-policy.js';

export const Reseller = Type.Object({
  id: Type.String(),
  name: Type.String(),
  email: Type.String(),
  company: Type.Union([Type.String(), Type.Null()]),
  customerCount: Type.Integer({
    description: "The reseller's customers in every status, soft-deleted ones included until purged.",
  }),
  createdAt: Timestamp,
  permissions: permissionsFor(
    resellerActions,
    'What the caller may do with the reseller; PATCH and DELETE apply the same rules.',
  ),
});
export type Reseller = Static<typeof Reseller>;

export const ResellerParams = IdParams;

export const resellerSortFields = ['name', 'email', 'company', 'customerCount', 'createdAt'] as const;
export type ResellerSortField = (typeof resellerSortFields)[number];

export const ResellerListQuery = Type.Object(
  {
    ...pagingFields,
    sort: Type.Optional(sortParameter(resellerSortFields)),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches name, email and company.' })),
  },
  { additionalProperties: false },
);
export type ResellerListQuery = Static<typeof ResellerListQuery>;

export const ResellerList = listOf(Reseller);

const Company = Type.Union([VisibleText(200), Type.Null()]);

export const CreateResellerBody = Type.Object(
  { name: VisibleText(200), email: Email, company: Type.Optional(Company) },
  { additionalProperties: false },
);
export type CreateResellerBody = Static<typeof CreateResellerBody>;

export const UpdateResellerBody = Type.Object(
  {
    name: Type.Optional(VisibleText(200)),
    email: Type.Optional(Email),
    company: Type.Optional(Company),
  },
  { additionalProperties: false },
);
export type UpdateResellerBody = Static<typeof UpdateResellerBody>;

export const CreatedReseller = Type.Object({
  reseller: Reseller,
  password: Type.String({ description: "The reseller's generated password, shown this once." }),
});
