import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InventoryRecord, Product } from '../../../src/domain/retail.js';
import { FakeOpenAI } from '../../../src/eval/scripted-openai.js';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';
import { createHarness } from '../../helpers/chat-harness.js';

const at = new Date('2026-11-01T00:00:00Z');
const admin = { username: 'ada', role: 'admin' as const };
const lamp: Product = {
  productId: 'P-LAMP',
  name: 'Ridge Headlamp',
  brand: 'Northwind',
  category: 'gear',
  subcategory: 'headlamps',
  description: 'A headlamp.',
  attributes: { lumens: 400, waterproof: true, battery: 'USB-C rechargeable' },
  tags: ['hiking', 'camping'],
  priceCents: 4500,
  currency: 'USD',
  consumable: false,
  variants: [
    { sku: 'LAMP-BLK', options: { colour: 'black' }, priceCents: 4500, available: true },
    { sku: 'LAMP-RED', options: { colour: 'red' }, priceCents: 4500, available: true },
  ],
  createdAt: at,
};
const stock: InventoryRecord[] = [
  {
    sku: 'LAMP-BLK',
    productId: 'P-LAMP',
    location: 'online',
    quantity: 0,
    restockDate: null,
    updatedAt: at,
  },
  {
    sku: 'LAMP-RED',
    productId: 'P-LAMP',
    location: 'online',
    quantity: 3,
    restockDate: null,
    updatedAt: at,
  },
];

function setUp(llmUrl?: string) {
  const ports = inMemoryPorts({ products: [structuredClone(lamp)], inventory: stock });
  const harness = createHarness(ports, {
    config: {
      llm: llmUrl ? { apiKey: 'sk-test', baseUrl: llmUrl, model: 'fake' } : null,
      llmTimeoutMs: 5000,
      llmMaxRetries: 0,
    },
  });
  return { ports, harness, drafting: harness.concierge.drafting };
}

describe('product description drafts', () => {
  it('lists thin descriptions with what customers asked, drafts from the catalog, and publishes only what a person approves', async () => {
    const { ports, harness, drafting } = setUp();
    await harness.chat().say('Is the Ridge Headlamp in stock in black?');
    const [thin] = await drafting.thinProducts(10);
    expect(thin).toMatchObject({
      productId: 'P-LAMP',
      words: 2,
      asked: [{ term: 'ridge headlamp · black', count: 1 }],
    });

    const draft = await drafting.draft('P-LAMP', admin);
    expect(draft?.source).toBe('template');
    expect(draft?.text).toMatch(/Ridge Headlamp by Northwind/);
    expect(draft?.text).toMatch(/colours black and red/);
    expect(draft?.text).toMatch(/\$45\.00/);
    expect(draft?.notes).toEqual(['customers asked: "ridge headlamp · black" (1×)']);
    // A draft, even edited, changes nothing customers see.
    const edited = `${draft?.text} Bright enough for night hikes.`;
    expect(await drafting.edit(draft?.draftId ?? '', edited, admin)).toBeNull();
    expect((await ports.commerce.catalog.byId('P-LAMP'))?.description).toBe('A headlamp.');
    expect((await drafting.openDrafts(10)).map((d) => d.text)).toEqual([edited]);

    expect(await drafting.approve(draft?.draftId ?? '', edited, admin)).toBeNull();
    expect((await ports.commerce.catalog.byId('P-LAMP'))?.description).toBe(edited);
    // The search reads the new text at once.
    const found = await ports.commerce.catalog.search({ query: 'night hikes', limit: 3 });
    expect(found.map((m) => m.product.productId)).toContain('P-LAMP');
    expect(
      await drafting.approve(draft?.draftId ?? '', 'again and again and again', admin),
    ).toEqual({
      error: 'finished',
    });
    expect(await drafting.openDrafts(10)).toEqual([]);
  });

  it('a discarded draft can no longer be approved', async () => {
    const { ports, drafting } = setUp();
    const draft = await drafting.draft('P-LAMP', admin);
    expect(await drafting.discard(draft?.draftId ?? '', admin)).toBeNull();
    expect(
      await drafting.approve(draft?.draftId ?? '', 'a long enough description text', admin),
    ).toEqual({
      error: 'finished',
    });
    expect((await ports.commerce.catalog.byId('P-LAMP'))?.description).toBe('A headlamp.');
  });

  describe('with an LLM configured', () => {
    let llm: FakeOpenAI;
    let url: string;
    beforeEach(async () => {
      llm = new FakeOpenAI();
      url = await llm.start();
    });
    afterEach(() => llm.stop());

    it('asks the LLM with the product facts only, and falls back to the template when it fails', async () => {
      const { drafting } = setUp(url);
      llm.reply({
        kind: 'text',
        text: 'A 400-lumen, waterproof headlamp that charges over USB-C.',
      });
      const written = await drafting.draft('P-LAMP', admin);
      expect(written).toMatchObject({
        source: 'llm',
        text: 'A 400-lumen, waterproof headlamp that charges over USB-C.',
      });
      const facts = JSON.parse(String(llm.requests.at(-1)?.body.messages.at(-1)?.content));
      expect(facts).toMatchObject({ name: 'Ridge Headlamp', attributes: { lumens: '400' } });
      llm.reply({ kind: 'status', status: 500, body: { error: { message: 'down' } } });
      const fallback = await drafting.draft('P-LAMP', admin);
      expect(fallback?.source).toBe('template');
    });
  });
});
