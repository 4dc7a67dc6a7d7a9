import { z } from 'zod';
import { type Customer, PAYMENT_KINDS, type PaymentMethod } from '../domain/retail.js';
import type { EntityImporter } from './entity.js';
import { date, email, id, list, money, text } from './fields.js';
import type { RowError } from './source.js';

export const addressSchema = z.strictObject({
  line1: text,
  line2: text.optional(),
  city: text,
  region: text,
  postalCode: text,
  country: text,
});

/** Method ids name fields of the stored customer, so they hold no dots or dollars. */
const methodId = id.regex(/^[\w-]+$/, 'letters, digits, "_" and "-" only');

const paymentMethodSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      methodId,
      kind: z.literal('card'),
      brand: text,
      lastFour: z.string().regex(/^\d{4}$/, 'expected the last four digits'),
    }),
    z.strictObject({ methodId, kind: z.literal('paypal') }),
    z.strictObject({ methodId, kind: z.literal('gift_card'), balance: money }),
  ],
  { error: `expected kind ${PAYMENT_KINDS.join(', ')}` },
);

function toPaymentMethod(input: z.infer<typeof paymentMethodSchema>): PaymentMethod {
  if (input.kind !== 'gift_card') return input;
  return { methodId: input.methodId, kind: 'gift_card', balanceCents: input.balance };
}

export const customerSchema = z.strictObject({
  customerId: id,
  name: text,
  email,
  phone: text.optional(),
  address: addressSchema.optional(),
  interests: list.default([]),
  paymentMethods: z
    .array(paymentMethodSchema)
    .default([])
    .refine(
      (methods) => new Set(methods.map((m) => m.methodId)).size === methods.length,
      'two payment methods with one methodId',
    ),
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
      paymentMethods: Object.fromEntries(
        input.paymentMethods.map((m) => [m.methodId, toPaymentMethod(m)]),
      ),
      createdAt: input.createdAt ?? now,
      changedInConciergeAt: null,
    }));
    return { docs, errors };
  },

  write: (docs, store) => store.customers.upsertMany(docs),
};
