import { describe, expect, it } from 'vitest';
import type { Customer, Order, OrderItem, Product } from '../../../src/domain/retail.js';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';
import { createHarness } from '../../helpers/chat-harness.js';
import { aCustomer, BOISE } from '../../helpers/retail-records.js';

const at = new Date('2026-11-20T10:00:00Z');
const address = BOISE;
const mina: Customer = aCustomer({
  customerId: 'C-7',
  name: 'Mina Park',
  email: 'mina@example.com',
  address,
  paymentMethods: {
    card_7: { methodId: 'card_7', kind: 'card', brand: 'visa', lastFour: '4242' },
    gift_card_7: { methodId: 'gift_card_7', kind: 'gift_card', balanceCents: 1_000 },
  },
});
const bottle: Product = {
  productId: 'P-B',
  name: 'Water Bottle',
  brand: 'Acme',
  category: 'bottles',
  subcategory: null,
  description: 'A bottle.',
  attributes: {},
  tags: [],
  priceCents: 2_000,
  currency: 'USD',
  consumable: false,
  variants: [
    {
      sku: 'B-BLUE-500',
      options: { color: 'blue', capacity: '500ml' },
      priceCents: 2_000,
      available: true,
    },
    {
      sku: 'B-BLACK-500',
      options: { color: 'black', capacity: '500ml' },
      priceCents: 2_200,
      available: true,
    },
    {
      sku: 'B-BLUE-1L',
      options: { color: 'blue', capacity: '1000ml' },
      priceCents: 2_600,
      available: true,
    },
    {
      sku: 'B-RED-500',
      options: { color: 'red', capacity: '500ml' },
      priceCents: 2_000,
      available: false,
    },
  ],
  createdAt: at,
};
const drive: Product = {
  ...bottle,
  productId: 'P-D',
  name: 'External Drive',
  category: 'storage',
  variants: [
    { sku: 'D-500G', options: { capacity: '500GB' }, priceCents: 6_000, available: true },
    { sku: 'D-1T', options: { capacity: '1TB' }, priceCents: 9_000, available: true },
  ],
};
const line = (product: Product, index: number): OrderItem => {
  const variant = product.variants[index];
  if (!variant) throw new Error('no such variant');
  return {
    productId: product.productId,
    sku: variant.sku,
    name: product.name,
    options: variant.options,
    quantity: 1,
    unitPriceCents: variant.priceCents,
  };
};
const base: Omit<Order, 'orderNumber' | 'status' | 'items'> = {
  customerId: 'C-7',
  placedAt: at,
  updatedAt: at,
  subtotalCents: 8_000,
  shippingCents: 0,
  totalCents: 8_000,
  currency: 'USD',
  shippingAddress: address,
  shipment: null,
  fulfilments: [],
  payments: [{ kind: 'payment', methodId: 'card_7', amountCents: 8_000 }],
  cancelledAt: null,
  returnedAt: null,
};
const pending: Order = {
  ...base,
  orderNumber: '#W1000001',
  status: 'pending',
  items: [line(bottle, 0), line(drive, 0)],
};
const delivered: Order = {
  ...base,
  orderNumber: '#W1000002',
  status: 'delivered',
  items: [line(bottle, 0)],
  shipment: {
    carrier: 'UPS',
    trackingNumber: '1Z2',
    shippedAt: new Date('2026-11-14T10:00:00Z'),
    estimatedDelivery: null,
    deliveredAt: new Date('2026-11-17T10:00:00Z'),
  },
};

function setUp() {
  const ports = inMemoryPorts({
    customers: [mina],
    orders: [pending, delivered],
    products: [bottle, drive],
  });
  const chat = createHarness(ports, { now: () => at }).chat();
  return { ports, chat };
}

describe('the offline model changes items to other variants, in English and Chinese', () => {
  it('changes "the blue one to black" in a pending order, once, after a yes', async () => {
    const { ports, chat } = setUp();
    await chat.say('Hi, I am mina@example.com, order #W1000001');
    const proposal = await chat.say('For order #W1000001, change the blue one to black please');
    expect(proposal?.text).toMatch(
      /^Just to confirm: change 1 × Water Bottle \(B-BLUE-500\) for B-BLACK-500/,
    );
    expect(proposal?.text).toMatch(/you pay \$2\.00 more with visa card ending 4242/);
    expect((await ports.commerce.orderOf('C-7', '#W1000001'))?.status).toBe('pending');
    expect((await chat.say('yes'))?.text).toMatch(/items of order #W1000001 are changed/);
    const after = await ports.commerce.orderOf('C-7', '#W1000001');
    expect(after?.status).toBe('pending (items modified)');
    expect(after?.items.map((i) => i.sku)).toEqual(['B-BLACK-500', 'D-500G']);
    expect(after?.payments.at(-1)).toEqual({
      kind: 'payment',
      methodId: 'card_7',
      amountCents: 200,
    });
    // Once per order: a second change is refused.
    expect((await chat.say('change the drive in #W1000001 to the 1TB one'))?.text).toMatch(
      /#W1000001/,
    );
    expect((await ports.commerce.orderOf('C-7', '#W1000001'))?.items.map((i) => i.sku)).toEqual([
      'B-BLACK-500',
      'D-500G',
    ]);
  });

  it('swaps a pending item "for the 1TB version"', async () => {
    const { ports, chat } = setUp();
    await chat.say('Hi, I am mina@example.com, order #W1000001');
    expect(
      (await chat.say('can you swap the drive in #W1000001 for the 1TB version?'))?.text,
    ).toMatch(/D-500G\) for D-1T .*you pay \$30\.00 more/);
    await chat.say('yes');
    expect((await ports.commerce.orderOf('C-7', '#W1000001'))?.items.map((i) => i.sku)).toContain(
      'D-1T',
    );
  });

  it('exchanges a delivered item "把这个换成黑色的" and announces it as an exchange', async () => {
    const { ports, chat } = setUp();
    await chat.say('你好，我是 mina@example.com，订单 #W1000002');
    expect((await chat.say('订单 #W1000002 把这个换成黑色的'))?.text).toMatch(/B-BLACK-500/);
    expect((await chat.say('好的'))?.text).toMatch(/换货已受理/);
    expect(await ports.commerce.orderOf('C-7', '#W1000002')).toMatchObject({
      status: 'exchange requested',
      returnRequest: {
        kind: 'exchange',
        lines: [{ sku: 'B-BLUE-500', quantity: 1, newSku: 'B-BLACK-500' }],
        paymentMethodId: 'card_7',
        priceDifferenceCents: 200,
      },
    });
  });

  it('asks which variant when none is named, listing the options, and never offers an unavailable one', async () => {
    const { ports, chat } = setUp();
    await chat.say('Hi, I am mina@example.com, order #W1000002');
    expect((await chat.say('I want to exchange #W1000002'))?.text).toMatch(
      /which variant\? .*capacity: 500ml, 1000ml/,
    );
    expect((await chat.say('exchange #W1000002 for the red one'))?.text).toMatch(/which variant/);
    expect((await ports.commerce.orderOf('C-7', '#W1000002'))?.status).toBe('delivered');
  });

  it('refunds a return to the gift card when the customer asks for it', async () => {
    const { ports, chat } = setUp();
    await chat.say('Hi, I am mina@example.com, order #W1000002');
    expect((await chat.say('return #W1000002 and refund it to my gift card'))?.text).toMatch(
      /refunded to gift card gift_card_7/,
    );
    await chat.say('yes');
    expect((await ports.commerce.orderOf('C-7', '#W1000002'))?.returnRequest).toMatchObject({
      kind: 'return',
      paymentMethodId: 'gift_card_7',
    });
  });

  it('reads an address with a second line given in the same message as the request', async () => {
    const { ports, chat } = setUp();
    await chat.say('Hi, I am mina@example.com, order #W1000001');
    expect(
      (
        await chat.say(
          '我想把订单 #W1000001 的收货地址改成 986 Sunset Drive, Suite 259, Denver, CO 80279',
        )
      )?.text,
    ).toMatch(/986 Sunset Drive, Suite 259, Denver, CO 80279/);
    await chat.say('好的');
    expect((await ports.commerce.orderOf('C-7', '#W1000001'))?.shippingAddress).toMatchObject({
      line1: '986 Sunset Drive',
      line2: 'Suite 259',
      city: 'Denver',
      region: 'CO',
      postalCode: '80279',
    });
  });

  it("says why a change cannot be made, in the customer's language, and changes nothing", async () => {
    const byGiftCard: Order = {
      ...pending,
      orderNumber: '#W1000003',
      items: [line(drive, 0)],
      payments: [{ kind: 'payment', methodId: 'gift_card_7', amountCents: 6_000 }],
    };
    const ports = inMemoryPorts({
      customers: [mina],
      orders: [byGiftCard],
      products: [bottle, drive],
    });
    const chat = createHarness(ports, { now: () => at }).chat();
    await chat.say('你好，我是 mina@example.com，订单 #W1000003');
    // The 1TB drive costs $30 more; the gift card holds $10.
    expect((await chat.say('订单 #W1000003 的硬盘换成 1TB 的'))?.text).toBe(
      '这张礼品卡余额不足，需要换一种支付方式吗？',
    );
    expect((await ports.commerce.orderOf('C-7', '#W1000003'))?.items.map((i) => i.sku)).toEqual([
      'D-500G',
    ]);
  });
});
