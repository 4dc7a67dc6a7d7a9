import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { withStore } from './with-store.js';

const USAGE = `Usage: npm run privacy -- export CUSTOMER [--out FILE]
       npm run privacy -- erase CUSTOMER --yes

CUSTOMER is a customer id or e-mail address.
export  writes everything held about the customer as JSON (to FILE, or standard output).
erase   redacts their transcripts, deletes their profile facts, platform links and pending
        live events, and keeps their orders without contact details. It cannot be undone,
        so it needs --yes. Both are recorded in the audit log.`;

let command: { action: 'export' | 'erase'; customer: string; out: string | null };
try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      yes: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const [action, customer, ...extra] = positionals;
  if (action !== 'export' && action !== 'erase') throw new Error('expected export or erase');
  if (!customer || extra.length > 0) throw new Error('expected one customer id or e-mail address');
  if (action === 'erase' && !values.yes) throw new Error('erase cannot be undone: add --yes');
  command = { action, customer, out: values.out ?? null };
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(1);
}

await withStore(async (store, logger) => {
  const customerId = await store.lifecycle.findCustomer(command.customer);
  if (!customerId) {
    logger.error('no customer has this id or e-mail address');
    return 1;
  }
  const at = new Date();
  const actor = `cli:${userInfo().username}`;
  if (command.action === 'export') {
    const exported = await store.lifecycle.exportCustomer(customerId, at);
    const json = `${JSON.stringify(exported, null, 2)}\n`;
    if (command.out) writeFileSync(command.out, json, { mode: 0o600 });
    else process.stdout.write(json);
    await store.auditLog.append({
      at,
      actor,
      action: 'customer_exported',
      conversationId: null,
      details: { customerId },
    });
    if (command.out) logger.info({ customerId, file: command.out }, 'exported');
    return 0;
  }
  const counts = await store.lifecycle.eraseCustomer(customerId, at);
  await store.auditLog.append({
    at,
    actor,
    action: 'customer_erased',
    conversationId: null,
    details: { customerId },
  });
  logger.info({ customerId, changed: counts }, 'erased');
  return 0;
});
