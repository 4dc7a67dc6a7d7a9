import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** τ²-bench retail's records, as its `db.json` and the derived gold end states hold them. */

export const tauAddressSchema = z.object({
  address1: z.string(),
  address2: z.string(),
  city: z.string(),
  country: z.string(),
  state: z.string(),
  zip: z.string(),
});
export type TauAddress = z.infer<typeof tauAddressSchema>;

const tauPaymentMethodSchema = z.discriminatedUnion('source', [
  z.object({
    source: z.literal('credit_card'),
    id: z.string(),
    brand: z.string(),
    last_four: z.string(),
  }),
  z.object({ source: z.literal('paypal'), id: z.string() }),
  z.object({ source: z.literal('gift_card'), id: z.string(), balance: z.number() }),
]);

export const tauUserSchema = z.object({
  user_id: z.string(),
  name: z.object({ first_name: z.string(), last_name: z.string() }),
  address: tauAddressSchema,
  email: z.string(),
  payment_methods: z.record(z.string(), tauPaymentMethodSchema),
  orders: z.array(z.string()),
});
export type TauUser = z.infer<typeof tauUserSchema>;

const tauItemSchema = z.object({
  name: z.string(),
  product_id: z.string(),
  item_id: z.string(),
  price: z.number(),
  options: z.record(z.string(), z.string()),
});

export const tauOrderSchema = z.object({
  order_id: z.string(),
  user_id: z.string(),
  address: tauAddressSchema,
  items: z.array(tauItemSchema),
  status: z.string(),
  fulfillments: z.array(
    z.object({ tracking_id: z.array(z.string()), item_ids: z.array(z.string()) }),
  ),
  payment_history: z.array(
    z.object({
      transaction_type: z.enum(['payment', 'refund']),
      amount: z.number(),
      payment_method_id: z.string(),
    }),
  ),
  cancel_reason: z.string().nullable().optional(),
  exchange_items: z.array(z.string()).nullable().optional(),
  exchange_new_items: z.array(z.string()).nullable().optional(),
  exchange_payment_method_id: z.string().nullable().optional(),
  exchange_price_difference: z.number().nullable().optional(),
  return_items: z.array(z.string()).nullable().optional(),
  return_payment_method_id: z.string().nullable().optional(),
});
export type TauOrder = z.infer<typeof tauOrderSchema>;

const tauProductSchema = z.object({
  name: z.string(),
  product_id: z.string(),
  variants: z.record(
    z.string(),
    z.object({
      item_id: z.string(),
      options: z.record(z.string(), z.string()),
      available: z.boolean(),
      price: z.number(),
    }),
  ),
});
export type TauProduct = z.infer<typeof tauProductSchema>;

const dbSchema = z.object({
  products: z.record(z.string(), tauProductSchema),
  users: z.record(z.string(), tauUserSchema),
  orders: z.record(z.string(), tauOrderSchema),
});
export type TauDb = z.infer<typeof dbSchema>;

export const tauActionSchema = z.object({
  action_id: z.string(),
  name: z.string(),
  arguments: z.record(z.string(), z.unknown()),
});
export type TauAction = z.infer<typeof tauActionSchema>;

const taskSchema = z.object({
  id: z.string(),
  evaluation_criteria: z.object({ actions: z.array(tauActionSchema) }),
});

const goldSchema = z.record(
  z.string(),
  z.object({
    gold_writes: z.array(tauActionSchema),
    gold_action_errors: z.array(z.string()),
    orders_after: z.record(z.string(), tauOrderSchema),
    users_after: z.record(z.string(), tauUserSchema),
  }),
);
export type TauGold = z.infer<typeof goldSchema>[string];

export interface TauTask {
  id: string;
  actions: TauAction[];
  gold: TauGold;
}

export interface Tau2Data {
  db: TauDb;
  tasks: TauTask[];
}

function readJson<T>(dir: string, file: string, schema: z.ZodType<T>): T {
  const path = join(dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read ${path}: ${error instanceof Error ? error.message : error}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new Error(`${path} is not τ²-bench retail data: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/** Reads `db.json`, `tasks.json` and `gold-end-states.json` from τ²'s retail folder. */
export function readTau2(dir: string): Tau2Data {
  const db = readJson(dir, 'db.json', dbSchema);
  const tasks = readJson(dir, 'tasks.json', z.array(taskSchema));
  const gold = readJson(dir, 'gold-end-states.json', goldSchema);
  return {
    db,
    tasks: tasks.map((task) => {
      const goldOfTask = gold[task.id];
      if (!goldOfTask) throw new Error(`gold-end-states.json has no task ${task.id}`);
      return { id: task.id, actions: task.evaluation_criteria.actions, gold: goldOfTask };
    }),
  };
}
