import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { eventually } from '../fakes/loopback.js';
import { FakeSlack, SLACK_SIGNING_SECRET, sendSlackEvent } from '../fakes/slack.js';
import { addStaff, STAFF_PASSWORD } from '../helpers/app-clients.js';
import { orderPicker, startTestApp } from '../helpers/running-app.js';

/** Debian's Chromium (CI installs it); CHROMIUM_PATH points elsewhere. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The README's screenshots are rewritten only when asked, so a test run leaves the tree clean. */
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(import.meta.dirname, '../../docs/screenshots')
  : mkdtempSync(join(tmpdir(), 'concierge-screenshots-'));
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Skipping the console browser test: no Chromium at ${CHROMIUM}`);

let app: RunningApp;
let browser: Browser;
const slack = new FakeSlack();
const pickOrder = orderPicker(() => app);

beforeAll(async () => {
  if (!hasChromium) return;
  await slack.start();
  app = await startTestApp('console_browser', {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
  });
  await addStaff(app, [['ada', 'admin']]);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await app?.store.db.dropDatabase();
  await app?.stop();
  await slack.stop();
  if (!process.env.UPDATE_SCREENSHOTS) rmSync(SCREENSHOTS, { recursive: true, force: true });
});

let clock = 1_700_200_000;

async function customerSays(channel: string, text: string) {
  const ts = `${++clock}.000100`;
  const event = { type: 'message', channel_type: 'im', channel, user: 'UCUST', text, ts };
  expect((await sendSlackEvent(app.url, event)).status).toBe(200);
}
const texts = (channel: string) => slack.posts(channel).map((p) => String(p.args.text));

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SCREENSHOTS, `console-${name}.png`) });
}

describe.skipIf(!hasChromium)('the customer chat page in Chromium', () => {
  it('answers a message under its CSP, with nothing refused and no script error', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // The browser's own favicon request is the one 404 a page without an icon gets.
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico'))
        problems.push(message.text());
    });
    await page.goto(`${app.url}/`);
    await page.getByLabel('Message').fill('What is your return policy?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.msg.bot').first().waitFor();
    expect(await page.locator('.msg.customer').first().textContent()).toBe(
      'What is your return policy?',
    );
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!hasChromium)('the staff console in Chromium', () => {
  it('signs in, sees a conversation arrive live, takes over, replies, hands back and closes', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${app.url}/console`);
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.locator('#loginError').textContent())
      .toBe('Wrong username or password.');
    await page.getByLabel('Password').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#who').getByText('ada (admin)').waitFor();

    // A customer writes on Slack: the conversation appears without a reload.
    const { order, customer } = await pickOrder({ status: 'shipped' });
    await customerSays('DBROWSER', 'Hello');
    await page.locator('[data-conversation]').first().waitFor();
    await customerSays('DBROWSER', `I'm ${customer.email}, order ${order.orderNumber}`);
    await page.locator('[data-conversation] .name').getByText(customer.name).waitFor();
    await customerSays('DBROWSER', 'I want to talk to a person, my order is wrong');
    const queued = page.locator('[data-escalation]').first();
    await queued.getByText(customer.name, { exact: false }).waitFor();

    // Staff find the conversation by its order number, and by nothing else.
    await page.getByLabel('Search').fill(order.orderNumber);
    // The list also holds the chat page test's conversation. A live refresh that started
    // before the search and answers after it must not draw over it (it once did).
    await expect
      .poll(() => page.locator('[data-conversation]').count(), { timeout: 15_000 })
      .toBe(1);
    await page.getByLabel('Search').fill('NW-000000');
    await page.getByText('No conversation matches.').waitFor();
    await page.getByLabel('Search').fill('');
    await page.locator('[data-conversation]').first().waitFor();
    await shot(page, 'queue');

    await queued.getByRole('button', { name: 'Take' }).click();
    await page
      .locator('#status')
      .getByText(/Mode: human/)
      .waitFor();
    await eventually(
      () => texts('DBROWSER').some((t) => t.includes('ada from our team has joined')),
      'the joined line at Slack',
    );

    await page.locator('#customer').getByRole('cell', { name: order.orderNumber }).waitFor();
    await page.getByLabel('Message').fill('Only staff should see this');
    await page.getByRole('button', { name: 'Add internal note' }).click();
    await page.locator('.msg.note').getByText('Only staff should see this').waitFor();
    await page.getByLabel('Message').fill('Hi, I am Ada. Let me fix that order for you.');
    await page.getByRole('button', { name: 'Send to customer' }).click();
    await eventually(
      () => texts('DBROWSER').includes('Hi, I am Ada. Let me fix that order for you.'),
      'the reply at Slack',
    );
    await customerSays('DBROWSER', 'thank you!');
    await page.locator('.msg.customer').getByText('thank you!').waitFor();
    await shot(page, 'conversation');

    await page.getByRole('button', { name: 'Hand back to bot' }).click();
    await page
      .locator('#status')
      .getByText(/Mode: bot/)
      .waitFor();
    await page.getByRole('button', { name: 'Close' }).click();
    await page
      .locator('#status')
      .getByText(/Mode: closed/)
      .waitFor();
    await page.getByRole('button', { name: 'Metrics' }).click();
    await page.locator('.tile').getByText('escalation rate').waitFor();
    await expect.poll(() => page.locator('#charts svg').count()).toBe(3);
    await expect.poll(() => page.locator('#charts svg rect').count()).toBeGreaterThan(0);
    await page.getByRole('cell', { name: 'customer asked for a person' }).waitFor();
    await shot(page, 'metrics');
    // Staff closed it: resolved by a person, which the Insights view counts from its counters.
    await page.getByRole('button', { name: 'Insights' }).click();
    await page.locator('.tile').getByText('rated 4 or 5').waitFor();
    await expect.poll(() => page.locator('#insightCharts svg').count()).toBe(2);
    const resolvedByPerson = page
      .locator('#outcomesTable tr')
      .filter({ hasText: 'resolved by a person' });
    await expect.poll(() => resolvedByPerson.locator('td').last().textContent()).toBe('1');
    expect(await page.locator('#insightsCsv').getAttribute('href')).toMatch(
      /^\/api\/console\/insights\.csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/,
    );
    await shot(page, 'insights');

    // An admin drafts a thin description and publishes it.
    await page.getByRole('button', { name: 'Products' }).click();
    await page.getByRole('button', { name: 'Draft description' }).first().click();
    await page.locator('#productDraftForm').waitFor();
    const drafted = await page.locator('#productDraftText').inputValue();
    expect(drafted).toMatch(/ by /);
    await page.locator('#productDraftText').fill(`${drafted} Checked by ada.`);
    await page.getByRole('button', { name: 'Approve and publish' }).click();
    await page.locator('#productDraftStatus').getByText('Published.').waitFor();
    await expect
      .poll(async () =>
        (await app.store.products.listAll()).some((p) => p.description.endsWith('Checked by ada.')),
      )
      .toBe(true);

    await page.getByRole('button', { name: 'Audit log' }).click();
    await page.getByRole('cell', { name: 'hand_back' }).waitFor();
    await shot(page, 'audit');

    // A question the help centre could not answer becomes a draft, then an article.
    await app.store.knowledgeGaps.record('Do you rent kayaks by the hour?', 'en', new Date());
    await page.getByRole('button', { name: 'Help centre' }).click();
    await page.getByRole('cell', { name: 'Do you rent kayaks by the hour?' }).waitFor();
    await page.getByRole('button', { name: 'Write an answer' }).first().click();
    await page.getByLabel('Title').fill('Kayak rental');
    await page
      .getByLabel('Answer')
      .fill('Our Seattle store rents kayaks by the hour from May to September.');
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByRole('cell', { name: 'Kayak rental' }).waitFor();
    await page.getByRole('button', { name: 'Publish' }).first().click();
    await expect.poll(() => page.getByRole('cell', { name: 'Kayak rental' }).count()).toBe(0);
    await expect
      .poll(async () =>
        (await app.store.articles.published()).some((a) => a.title === 'Kayak rental'),
      )
      .toBe(true);

    expect(texts('DBROWSER').join('\n')).not.toContain('Only staff should see this');
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);

  it('serves the console with a strict content security policy and nothing from elsewhere', async () => {
    const response = await fetch(`${app.url}/console`);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/script-src 'self';/);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    const page = await response.text();
    expect(page).not.toMatch(/(src|href)="https?:\/\//);
    // One script, from this origin: nothing inline for an injection to hide in.
    expect(page.match(/<script\b[^>]*>/g)).toEqual([
      '<script type="module" src="/console/assets/console.js">',
    ]);
    for (const file of ['console.js', 'charts.js', 'console.css'])
      expect((await fetch(`${app.url}/console/assets/${file}`)).status, file).toBe(200);
    for (const file of ['index.html', '..%2Fassets.ts', 'missing.js'])
      expect((await fetch(`${app.url}/console/assets/${file}`)).status, file).toBe(404);
  });
});
