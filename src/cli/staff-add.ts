import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../console/passwords.js';
import { withStore } from './with-store.js';

const USAGE = `Usage: npm run staff:add -- --username NAME [--name "Display Name"] [--role agent|admin]
                         [--slack-user U0123ABCD]

Creates a staff user for the console. The password is read from STAFF_PASSWORD or, when that
is not set, from standard input (one line); it needs at least ${MIN_PASSWORD_LENGTH} characters.
Only a slow hash (scrypt) of it is stored. --slack-user links their Slack user id, so what
they do in the Slack staff channel (STAFF_SLACK_CHANNEL) is done as them.`;

let options: {
  username: string;
  displayName: string;
  role: 'agent' | 'admin';
  slackUserId: string | null;
};
try {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'agent' },
      'slack-user': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const username = values.username?.trim() ?? '';
  if (!/^[a-z0-9._-]{2,64}$/i.test(username))
    throw new Error('--username: 2 to 64 letters, digits, ".", "_" or "-"');
  if (values.role !== 'agent' && values.role !== 'admin') throw new Error('--role: agent or admin');
  const slackUserId = values['slack-user']?.trim() ?? null;
  if (slackUserId !== null && !/^[UW][A-Z0-9]{2,31}$/.test(slackUserId))
    throw new Error('--slack-user: a Slack user id such as U0123ABCD');
  options = {
    username,
    displayName: values.name?.trim() || username,
    role: values.role,
    slackUserId,
  };
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(1);
}

async function readPassword(): Promise<string> {
  if (process.env.STAFF_PASSWORD) return process.env.STAFF_PASSWORD;
  const lines = createInterface({ input: process.stdin, terminal: false });
  if (process.stdin.isTTY) process.stderr.write('Password: ');
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

const password = await readPassword();
if (password.length < MIN_PASSWORD_LENGTH) {
  console.error(`The password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  process.exit(1);
}

await withStore(async (store, logger) => {
  const created = await store.staffUsers.create({
    ...options,
    passwordHash: await hashPassword(password),
    createdAt: new Date(),
    disabled: false,
  });
  if (!created) {
    logger.error({ username: options.username }, 'a staff user with that username exists');
    return 1;
  }
  logger.info({ username: options.username, role: options.role }, 'staff user created');
  return 0;
});
