import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { PHRASES } from '../src/agent/offline/phrases.js';
import type { Language } from '../src/language/detect.js';
import { inMemoryPorts } from '../test/fakes/in-memory-ports.js';
import { createHarness } from '../test/helpers/chat-harness.js';
import type { Benchmark } from './run.js';

/**
 * How the offline model handles the requests a support desk sees most, each sent as the first
 * message of a new, unverified web chat through the real pipeline (in-memory ports, the demo
 * help centre). Labelled sets: test/fixtures/understanding/{en,zh}.tsv, written apart from
 * the rules and the articles.
 */

type Behaviour =
  | 'order'
  | 'change'
  | 'help'
  | 'escalate'
  | 'no_help'
  | 'didnt_understand'
  | 'other';

const CHANGE_TOOLS = new Set([
  'cancel_order',
  'modify_order_items',
  'change_payment_method',
  'return_items',
  'exchange_items',
  'change_shipping_address',
  'change_default_address',
]);
const ORDER_TOOLS = new Set(['get_order', 'list_my_orders', 'verify_customer']);

/** What a right answer to each intent does; an unverified customer is asked to verify first. */
const EXPECTED: Record<string, readonly Behaviour[]> = {
  track_order: ['order'],
  cancel_order: ['order', 'change'],
  change_order: ['order', 'change', 'help'],
  change_shipping_address: ['order', 'change'],
  set_up_shipping_address: ['help', 'change'],
  delivery_options: ['help'],
  delivery_period: ['help'],
  get_refund: ['order', 'change', 'help'],
  track_refund: ['help', 'order'],
  refund_policy: ['help'],
  cancellation_fee: ['help'],
  payment_methods: ['help'],
  payment_issue: ['help', 'escalate', 'no_help'],
  check_invoice: ['help', 'order'],
  get_invoice: ['help'],
  place_order: ['help'],
  create_account: ['help'],
  edit_account: ['help'],
  delete_account: ['help'],
  switch_account: ['help'],
  registration_problems: ['help'],
  recover_password: ['help'],
  newsletter_subscription: ['help'],
  review: ['help'],
  complaint: ['escalate', 'help'],
  contact_customer_service: ['help', 'escalate'],
  contact_human_agent: ['escalate'],
};
/** The articles a help-centre answer to each intent may come from; another one is a miss. */
const ARTICLES: Record<string, readonly string[]> = {
  change_order: ['change-order'],
  set_up_shipping_address: ['delivery-address'],
  delivery_options: ['shipping', 'international-shipping'],
  delivery_period: ['shipping', 'international-shipping'],
  get_refund: ['returns', 'refunds'],
  track_refund: ['refunds'],
  refund_policy: ['returns', 'refunds'],
  cancellation_fee: ['cancel-order'],
  payment_methods: ['payment-methods', 'gift-cards'],
  payment_issue: ['payment-problems'],
  check_invoice: ['invoices'],
  get_invoice: ['invoices'],
  place_order: ['place-order'],
  create_account: ['create-account'],
  edit_account: ['edit-account'],
  delete_account: ['delete-account'],
  switch_account: ['edit-account'],
  registration_problems: ['create-account'],
  recover_password: ['password-reset'],
  newsletter_subscription: ['newsletter'],
  review: ['reviews'],
  complaint: ['complaints'],
  contact_customer_service: ['contact-us'],
};

/** Which change each intent may lead to; any other change is a wrong action. */
const CHANGES: Record<string, readonly string[]> = {
  cancel_order: ['cancel_order'],
  change_order: ['modify_order_items', 'change_shipping_address', 'change_payment_method'],
  change_shipping_address: ['change_shipping_address'],
  set_up_shipping_address: ['change_default_address'],
  get_refund: ['return_items'],
};

function examples(language: Language): { intent: string; text: string }[] {
  const file = join(
    import.meta.dirname,
    '..',
    'test',
    'fixtures',
    'understanding',
    `${language}.tsv`,
  );
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [intent = '', text = ''] = line.split('\t');
      if (!EXPECTED[intent]) throw new Error(`${file}: unknown intent ${intent}`);
      return { intent, text };
    });
}

const ASKS_FOR_ORDER = Object.values(PHRASES).flatMap((p) => [
  p.askVerifyOrder,
  p.notVerified,
  p.askAddress,
  ...['cancel', 'return', 'exchange', '取消', '退货', '换货'].map((a) => p.askOrderNumber(a)),
]);

async function measure(language: Language) {
  const tools: string[][] = [];
  const log = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg?: string; tools?: string[] };
        if (entry.msg === 'turn answered' && entry.tools) tools.push(entry.tools);
      }
      done();
    },
  });
  const counts = { right: 0, didnt: 0, help: 0, wrong: 0, total: 0 };
  const misses: Record<string, number> = {};
  for (const { intent, text } of examples(language)) {
    const ports = inMemoryPorts();
    const h = createHarness(ports, { logger: pino({ level: 'info' }, log) });
    const chat = h.chat();
    tools.length = 0;
    const reply = (await chat.say(text))?.text ?? '';
    const used = tools.flat();
    const conversation = await ports.conversations.findByKey('webchat', chat.conversationKey);
    const p = PHRASES[language];
    const changes = used.filter((t) => CHANGE_TOOLS.has(t));
    const behaviour: Behaviour =
      conversation?.mode === 'queued' || used.includes('escalate_to_human')
        ? 'escalate'
        : changes.length > 0
          ? 'change'
          : reply === p.clarify || Object.values(PHRASES).some((ph) => ph.clarify === reply)
            ? 'didnt_understand'
            : reply === p.noHelpAnswer
              ? 'no_help'
              : used.includes('search_help_center')
                ? 'help'
                : used.some((t) => ORDER_TOOLS.has(t)) || ASKS_FOR_ORDER.includes(reply)
                  ? 'order'
                  : 'other';
    counts.total++;
    // A help-centre answer is right only from an article about the request.
    const article = /help\.northwind\.example\/(?:en|zh)\/([a-z-]+)/.exec(reply)?.[1];
    const rightArticle = behaviour !== 'help' || (ARTICLES[intent] ?? []).includes(article ?? '');
    if ((EXPECTED[intent] ?? []).includes(behaviour) && rightArticle) counts.right++;
    else {
      const miss = `${intent}->${behaviour}${behaviour === 'help' ? `:${article}` : ''}`;
      misses[miss] = (misses[miss] ?? 0) + 1;
    }
    if (behaviour === 'didnt_understand') counts.didnt++;
    if (behaviour === 'help') counts.help++;
    if (changes.some((t) => !(CHANGES[intent] ?? []).includes(t))) counts.wrong++;
  }
  const rate = (n: number) => Math.round((n / counts.total) * 1000) / 1000;
  return {
    total: counts.total,
    accuracy: rate(counts.right),
    didnt: rate(counts.didnt),
    help: rate(counts.help),
    wrong: counts.wrong,
    misses,
  };
}

const understanding: Benchmark = {
  name: 'understanding',
  async run() {
    const en = await measure('en');
    const zh = await measure('zh');
    const top = (m: Record<string, number>) =>
      Object.entries(m)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
    return {
      mongo: 'none (in-memory ports)',
      metrics: {
        examples_en: en.total,
        examples_zh: zh.total,
        accuracy_en: en.accuracy,
        accuracy_zh: zh.accuracy,
        didnt_understand_rate_en: en.didnt,
        didnt_understand_rate_zh: zh.didnt,
        help_center_answer_rate_en: en.help,
        help_center_answer_rate_zh: zh.help,
        wrong_action_rate:
          Math.round(((en.wrong + zh.wrong) / (en.total + zh.total)) * 1000) / 1000,
      },
      notes: `Offline model, first message of an unverified web chat, real pipeline over in-memory ports with the demo help centre. Most frequent misses (intent->behaviour): en: ${top(en.misses)}; zh: ${top(zh.misses)}.`,
    };
  },
};

export default understanding;
