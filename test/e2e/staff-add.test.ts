import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { verifyPassword } from '../../src/console/passwords.js';
import { runCli } from '../helpers/cli-process.js';
import { testDbName } from '../helpers/test-store.js';

const CLI = join(import.meta.dirname, '../../src/cli/staff-add.ts');
const dbName = testDbName('staff_add');
const client = new MongoClient(inject('mongoUri'));
afterAll(async () => {
  await client.db(dbName).dropDatabase();
  await client.close();
});

/** Runs `npm run staff:add` as a process, with the password on standard input. */
function staffAdd(args: string[], password: string) {
  return runCli(
    CLI,
    args,
    { MONGODB_URI: inject('mongoUri'), MONGODB_DB: dbName, STAFF_PASSWORD: '' },
    `${password}\n`,
  );
}

describe('npm run staff:add', () => {
  it('creates a staff user with a hashed password, once', async () => {
    const created = await staffAdd(
      ['--username', 'ada', '--role', 'admin', '--name', 'Ada L.', '--slack-user', 'U0ADA1'],
      'twelve chars or more',
    );
    expect(created.code).toBe(0);
    expect(created.output).not.toContain('twelve chars');
    const user = await client.db(dbName).collection('staff_users').findOne({ username: 'ada' });
    expect(user).toMatchObject({
      role: 'admin',
      displayName: 'Ada L.',
      disabled: false,
      slackUserId: 'U0ADA1',
    });
    expect(await verifyPassword('twelve chars or more', String(user?.passwordHash))).toBe(true);
    const again = await staffAdd(['--username', 'ada'], 'another long password');
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/exists/);
  }, 60_000);

  it('refuses a short password and a bad role, naming the problem', async () => {
    const short = await staffAdd(['--username', 'bob'], 'short');
    expect(short.code).toBe(1);
    expect(short.output).toMatch(/at least 12 characters/);
    const role = await staffAdd(['--username', 'bob', '--role', 'owner'], 'long enough password');
    expect(role.code).toBe(1);
    expect(role.output).toMatch(/--role: agent or admin/);
    const slack = await staffAdd(
      ['--username', 'bob', '--slack-user', 'bob'],
      'long enough password',
    );
    expect(slack.code).toBe(1);
    expect(slack.output).toMatch(/--slack-user: a Slack user id/);
  }, 60_000);
});
