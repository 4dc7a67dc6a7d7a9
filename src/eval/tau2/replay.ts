import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { createConcierge } from '../../concierge.js';
import type { ChannelSender } from '../../conversation/senders.js';
import type { Customer, Order } from '../../domain/retail.js';
import { importFiles } from '../../importer/import-files.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/store.js';
import { FakeOpenAI } from '../scripted-openai.js';
import { FINDS_USER, type ToolCall, toolCallFor } from './actions.js';
import { asTauOrder, asTauUser, mismatchedFields } from './compare.js';
import { writeImportFiles } from './convert.js';
import type { Tau2Data, TauAction, TauTask } from './tau2-data.js';

export interface Tau2Report {
  tasks: number;
  /** Every gold action of the task has a Concierge tool. */
  tasks_expressible: number;
  /** Every gold action was replayed through the pipeline (none cut short by a handoff). */
  tasks_replayed: number;
  /** Every order and user the gold writes touch matches τ²'s end state, field by field. */
  end_state_match: number;
  /** Orders and users that differ from τ²'s end state, by field. */
  field_mismatches: Record<string, number>;
  /** Records the replay changed that the gold writes do not touch. */
  collateral_changes: number;
  /** Gold actions τ² refuses on purpose, and how many of them Concierge refused too. */
  refusals_expected: number;
  refused_as_gold: number;
  /** Gold actions τ² carries out that Concierge refused, with Concierge's reason. */
  unexpected_refusals: { task: string; action: string; error: string }[];
  /** τ² actions without a Concierge tool, by name. */
  not_expressible: Record<string, number>;
  /** Tasks whose end state does not match, with what differs. */
  mismatched_tasks: { task: string; records: Record<string, string[]> }[];
  seconds: number;
}

/** Records nothing: the replay reads outcomes from the tool results the model sees. */
const quietSender: ChannelSender = { deliver: async () => {} };

type Answer = Record<string, unknown>;

export interface Tau2Options {
  store: Store;
  data: Tau2Data;
  logger: Logger;
  /** Only these task ids (all when omitted). */
  only?: readonly string[];
  onTask?: (task: TauTask, done: number, of: number) => void;
}

/**
 * Imports τ²'s database through the importer, then for each task replays its gold actions
 * through Concierge's own tools: a scripted model (an OpenAI-compatible server on 127.0.0.1,
 * through `@langchain/openai`) calls the tool each action maps to, and the customer's "yes"
 * to a proposed change arrives as a message through `pipeline.receive`, as on any channel.
 * Then the touched orders and users are compared with τ²'s gold end state, and every other
 * record with what was imported. Records are put back as imported before the next task.
 */
export async function replayTau2(options: Tau2Options): Promise<Tau2Report> {
  const started = Date.now();
  const { store, data, logger } = options;
  const at = new Date();
  const dir = mkdtempSync(join(tmpdir(), 'concierge-tau2-'));
  try {
    const reports = await importFiles(writeImportFiles(data.db, dir, at), store, {
      now: at,
      dryRun: false,
    });
    for (const report of reports) {
      if (report.errors.length > 0)
        throw new Error(
          `importing τ²'s ${report.entity} failed: ${report.errors
            .slice(0, 3)
            .map((e) => `row ${e.row}: ${e.reason}`)
            .join('; ')}`,
        );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const imported = await snapshot(store);
  const llm = new FakeOpenAI();
  const baseUrl = await llm.start();
  const concierge = createConcierge({
    config: {
      llm: { apiKey: 'tau2-replay', baseUrl, model: 'scripted-gold-actions' },
      llmTimeoutMs: 60_000,
      llmMaxRetries: 0,
      // τ²'s policy: e-mail, or name and zip; no refund needs a person's approval.
      retail: { verifyWith: ['email', 'name+zip'], returnWindowDays: 30 },
      handoff: {
        businessHours: null,
        unattendedAfterMs: 24 * 3_600_000,
        refundApprovalLimitCents: Number.MAX_SAFE_INTEGER,
        staffSlackChannel: null,
      },
    },
    ports: store,
    logger,
    // The whole task stays in the window, so no summary call takes a scripted reply.
    memory: { windowTokens: 1_000_000, maxMessages: 500 },
  });
  concierge.senders.register('webchat', quietSender);

  const report: Tau2Report = {
    tasks: 0,
    tasks_expressible: 0,
    tasks_replayed: 0,
    end_state_match: 0,
    field_mismatches: {},
    collateral_changes: 0,
    refusals_expected: 0,
    refused_as_gold: 0,
    unexpected_refusals: [],
    not_expressible: {},
    mismatched_tasks: [],
    seconds: 0,
  };
  const tasks = options.only ? data.tasks.filter((t) => options.only?.includes(t.id)) : data.tasks;
  try {
    for (const [index, task] of tasks.entries()) {
      report.tasks++;
      const changed = await replayTask(
        task,
        data,
        store,
        llm,
        concierge.pipeline,
        imported,
        report,
      );
      await restore(store, imported, changed);
      options.onTask?.(task, index + 1, tasks.length);
    }
  } finally {
    await llm.stop();
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}

interface Snapshot {
  orders: Map<string, Order>;
  customers: Map<string, Customer>;
}

async function snapshot(store: Store): Promise<Snapshot> {
  const orders = await store.db
    .collection<Order>('orders')
    .find({}, { projection: { _id: 0 } })
    .toArray();
  const customers = await store.db
    .collection<Customer>('customers')
    .find({}, { projection: { _id: 0 } })
    .toArray();
  return {
    orders: new Map(orders.map((o) => [o.orderNumber, o])),
    customers: new Map(customers.map((c) => [c.customerId, c])),
  };
}

type Changed = { orders: string[]; customers: string[] };

/** The ids of records that differ from the snapshot. */
async function changedSince(store: Store, imported: Snapshot): Promise<Changed> {
  const now = await snapshot(store);
  const differ = <T>(before: Map<string, T>, after: Map<string, T>) =>
    [...after].filter(([id, doc]) => !isDeepStrictEqual(before.get(id), doc)).map(([id]) => id);
  return {
    orders: differ(imported.orders, now.orders),
    customers: differ(imported.customers, now.customers),
  };
}

/**
 * Puts the records a task changed back as imported; verification attempts start afresh, as on
 * another day.
 */
async function restore(store: Store, imported: Snapshot, changed: Changed): Promise<void> {
  await store.db.collection('attempts').deleteMany({});
  for (const id of changed.orders) {
    const doc = imported.orders.get(id);
    if (doc) await store.db.collection<Order>('orders').replaceOne({ orderNumber: id }, doc);
  }
  for (const id of changed.customers) {
    const doc = imported.customers.get(id);
    if (doc) await store.db.collection<Customer>('customers').replaceOne({ customerId: id }, doc);
  }
}

type Pipeline = ReturnType<typeof createConcierge>['pipeline'];

/** The customer whose conversation a task is: the user its writes touch, or its first order's. */
function customerOf(task: TauTask, data: Tau2Data): string | null {
  const [user] = Object.keys(task.gold.users_after);
  if (user) return user;
  for (const action of task.actions) {
    const orderId = action.arguments.order_id;
    if (typeof orderId === 'string' && data.db.orders[orderId])
      return data.db.orders[orderId]?.user_id ?? null;
  }
  const [order] = Object.values(task.gold.orders_after);
  return order?.user_id ?? null;
}

/** Replays one task and scores it; resolves to the records it changed, to put back. */
async function replayTask(
  task: TauTask,
  data: Tau2Data,
  store: Store,
  llm: FakeOpenAI,
  pipeline: Pipeline,
  imported: Snapshot,
  report: Tau2Report,
): Promise<Changed> {
  const conversationKey = `tau2-${task.id}-${randomUUID()}`;
  const platformUserId = `tau2-customer-${task.id}`;
  const say = async (text: string, call: ToolCall | { name: string; args: Answer }) => {
    llm.reply(
      { kind: 'tool_call', name: call.name, args: call.args },
      { kind: 'text', text: 'Done.' },
    );
    const before = llm.requests.length;
    const { turn } = await pipeline.receive({
      channel: 'webchat',
      conversationKey,
      platformUserId,
      text,
      eventKey: `tau2:${randomUUID()}`,
      receivedAt: new Date(),
    });
    await turn;
    return toolAnswer(llm, before);
  };

  const calls = task.actions.map((action) => ({ action, call: toolCallFor(action) }));
  const missing = calls.filter((c) => c.call === null);
  for (const { action } of missing)
    report.not_expressible[action.name] = (report.not_expressible[action.name] ?? 0) + 1;
  if (missing.length === 0) report.tasks_expressible++;

  const expected = new Map<string, number>();
  for (const error of task.gold.gold_action_errors) {
    const name = error.split(':')[0] ?? error;
    expected.set(name, (expected.get(name) ?? 0) + 1);
    report.refusals_expected++;
  }
  let verified = false;
  let replayed = true;
  for (const { action, call } of calls) {
    if (!call) continue;
    // τ²'s tasks without a look-up of the user still act for one: verify by e-mail first.
    if (!verified && !FINDS_USER.has(action.name) && needsCustomer(call)) {
      const owner = customerOf(task, data);
      const email = owner ? data.db.users[owner]?.email : undefined;
      if (email)
        verified = isOk(await say(`I am ${email}`, { name: 'verify_customer', args: { email } }));
    }
    const answer = await say(describe(action), call);
    if (answer === null) {
      replayed = false;
      break;
    }
    let refusal = errorOf(answer);
    if (!refusal && call.confirms) {
      const done = await say('yes', { name: 'confirm_action', args: { decision: 'yes' } });
      if (done === null) {
        replayed = false;
        break;
      }
      refusal = errorOf(done);
    }
    if (call.name === 'verify_customer' && !refusal) verified = true;
    if (!refusal) continue;
    const left = expected.get(action.name) ?? 0;
    if (left > 0) {
      expected.set(action.name, left - 1);
      report.refused_as_gold++;
    } else report.unexpected_refusals.push({ task: task.id, action: action.name, error: refusal });
  }
  if (replayed) report.tasks_replayed++;

  const records: Record<string, string[]> = {};
  for (const [orderNumber, gold] of Object.entries(task.gold.orders_after)) {
    const ours = await store.orders.findByNumber(orderNumber);
    const wrong = ours ? mismatchedFields(asTauOrder(ours), gold) : ['(missing)'];
    if (wrong.length > 0) records[orderNumber] = wrong;
  }
  for (const [customerId, gold] of Object.entries(task.gold.users_after)) {
    const ours = await store.customers.findById(customerId);
    const orders = ours
      ? (await store.orders.listForCustomer(customerId, 1000)).map((o) => o.orderNumber)
      : [];
    const wrong = ours ? mismatchedFields(asTauUser(ours, orders), gold) : ['(missing)'];
    if (wrong.length > 0) records[customerId] = wrong;
  }
  for (const fields of Object.values(records))
    for (const field of fields)
      report.field_mismatches[field] = (report.field_mismatches[field] ?? 0) + 1;
  const changed = await changedSince(store, imported);
  const collateral = [
    ...changed.orders.filter((id) => !(id in task.gold.orders_after)),
    ...changed.customers.filter((id) => !(id in task.gold.users_after)),
  ];
  report.collateral_changes += collateral.length;
  for (const id of collateral) records[id] = ['(changed, not touched by the gold writes)'];
  if (Object.keys(records).length === 0) report.end_state_match++;
  else report.mismatched_tasks.push({ task: task.id, records });
  return changed;
}

/** Tools that read or change the verified customer's own data. */
function needsCustomer(call: ToolCall): boolean {
  return !['get_product', 'list_product_types', 'calculate', 'escalate_to_human'].includes(
    call.name,
  );
}

/** What the customer says; the scripted model acts on the action, not on these words. */
function describe(action: TauAction): string {
  return `(τ² ${action.name} ${JSON.stringify(action.arguments)})`;
}

const isOk = (answer: Answer | null) => answer !== null && errorOf(answer) === null;

function errorOf(answer: Answer): string | null {
  return typeof answer.error === 'string' ? answer.error : null;
}

/** The tool result the model read in the turn's last request; null when no tool ran. */
function toolAnswer(llm: FakeOpenAI, before: number): Answer | null {
  const requests = llm.requests.slice(before);
  const last = requests.at(-1);
  const tool = last?.body.messages.filter((m) => m.role === 'tool').at(-1);
  if (!tool || requests.length < 2) return null;
  try {
    return JSON.parse(String(tool.content)) as Answer;
  } catch {
    return { error: `unreadable tool result: ${String(tool.content).slice(0, 80)}` };
  }
}
