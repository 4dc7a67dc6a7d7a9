import { z } from 'zod';
import type { Customer } from '../domain/retail.js';
import type { EntityImporter } from './entity.js';
import { date, email, id, list, text } from './fields.js';
import type { RowError } from './source.js';

export const addressSchema = z.strictObject({
  line1: text,
  line2: text.optional(),
  city: text,
  region: text,
  postalCode: text,
  country: text,
});

export const customerSchema = z.strictObject({
  customerId: id,
  name: text,
  email,
  phone: text.optional(),
  address: addressSchema.optional(),
  interests: list.default([]),
  createdAt: date.optional(),
});
export type CustomerInput = z.infer<typeof customerSchema>;

export function toAddress(input: z.infer<typeof addressSchema>): NonNullable<Customer['address']> {
  return { ...input, line2: input.line2 ?? null };
}

export const customerImporter: EntityImporter<CustomerInput, Customer> = {
  entity: 'customers',
  schema: customerSchema,
  keyName: 'customerId',
  keyOf: (input) => input.customerId,

  async build(parsed, store, now) {
    const errors: RowError[] = [];
    const emailOwner = new Map<string, string>();
    for (const { input, record } of parsed) {
      const owner = emailOwner.get(input.email);
      if (owner !== undefined) {
        errors.push({
          row: record.rows[0] ?? 0,
          reason: `email is also used by customer ${owner}`,
        });
      } else emailOwner.set(input.email, input.customerId);
    }
    const rowOf = new Map(
      parsed.map(({ input, record }) => [input.customerId, record.rows[0] ?? 0]),
    );
    for (const stored of await store.customers.findByEmails([...emailOwner.keys()])) {
      const owner = emailOwner.get(stored.email);
      if (owner !== undefined && owner !== stored.customerId) {
        errors.push({
          row: rowOf.get(owner) ?? 0,
          reason: `email already belongs to customer ${stored.customerId}`,
        });
      }
    }
    const docs = parsed.map(({ input }) => ({
      customerId: input.customerId,
      name: input.name,
      email: input.email,
      phone: input.phone ?? null,
      address: input.address ? toAddress(input.address) : null,
      interests: input.interests.map((interest) => interest.toLowerCase()),
      createdAt: input.createdAt ?? now,
    }));
    return { docs, errors };
  },

  write: (docs, store) => store.customers.upsertMany(docs),
};
