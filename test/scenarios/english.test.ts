import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/chat-harness.js';
import { useDemoShop } from '../helpers/shop.js';

const shop = useDemoShop('scen_en');
const { t } = shop;
let h: Harness;
beforeAll(() => {
  h = createHarness(t.store);
});

async function verifiedChat(email: string, orderNumber: string) {
  const chat = h.chat();
  const reply = await chat.say(`Hi, I'm ${email} and my order number is ${orderNumber}`);
  expect(reply?.text).toMatch(/you're verified/);
  return chat;
}

describe('greeting, thanks and goodbye', () => {
  it('greets a new visitor and offers help', async () => {
    expect((await h.chat().say('Hello'))?.text).toMatch(/^Hello! I can help/);
  });

  it('answers thanks and bye', async () => {
    const chat = h.chat();
    expect((await chat.say('thanks!'))?.text).toMatch(/You're welcome/);
    expect((await chat.say('bye'))?.text).toMatch(/Have a great day/);
  });
});

describe('verification', () => {
  it('verifies with email and order number, and then answers the question that came with them', async () => {
    const { order, customer } = await shop.order({ status: 'shipped' });
    const reply = await h
      .chat()
      .say(`I'm ${customer.email}, order ${order.orderNumber}. Where is my order?`);
    expect(reply?.text).toMatch(
      new RegExp(`Thanks, ${customer.name.split(' ')[0]}, you're verified`),
    );
    expect(reply?.text).toContain(order.orderNumber);
  });

  it('asks for an order number when only the email is given, and verifies on the next message', async () => {
    const { order, customer } = await shop.order({ status: 'delivered' });
    const chat = h.chat();
    expect((await chat.say(`my email is ${customer.email}`))?.text).toMatch(/one of your orders/);
    expect((await chat.say(order.orderNumber))?.text).toMatch(/you're verified/);
  });

  it('refuses a wrong pair without saying which half was wrong', async () => {
    const a = await shop.order({ status: 'delivered' });
    const b = await shop.order({ status: 'delivered' });
    const chat = h.chat();
    const reply = await chat.say(`I'm ${a.customer.email}, order ${b.order.orderNumber}`);
    expect(reply?.text).toMatch(/don't match an account/);
    expect(reply?.text).not.toMatch(
      /email (is|was) (wrong|correct)|order number (is|was) (wrong|correct)/i,
    );
    const conversation = await t.store.conversations.findByKey('webchat', chat.conversationKey);
    expect(conversation?.customerId).toBeNull();
  });

  it('slows down verification guesses against one e-mail, across conversations', async () => {
    const { customer } = await shop.order({ status: 'delivered' });
    for (let i = 0; i < 3; i++) {
      expect((await h.chat().say(`I'm ${customer.email}, order NW-9${i}0000`))?.text).toMatch(
        /don't match/,
      );
    }
    expect((await h.chat().say(`I'm ${customer.email}, order NW-999999`))?.text).toMatch(
      /too many verification attempts\. Please try again in a minute/,
    );
  });

  it('asks an unverified customer to verify before showing orders', async () => {
    const { order } = await shop.order({ status: 'shipped' });
    expect((await h.chat().say(`where is order ${order.orderNumber}?`))?.text).toMatch(
      /email address and one of your order numbers/,
    );
    expect((await h.chat().say('show me my orders'))?.text).toMatch(
      /email address and one of your order numbers/,
    );
  });
});

describe('one platform user, several conversations', () => {
  it('knows the customer in a conversation started later, and in one already going', async () => {
    const { order, customer } = await shop.order({ status: 'shipped' });
    const user = `slack-user-${order.orderNumber}`;
    const earlier = h.chat(user);
    await earlier.say('hello');
    const verifying = h.chat(user);
    await verifying.say(`I'm ${customer.email}, order ${order.orderNumber}`);
    const later = h.chat(user);
    for (const chat of [earlier, later])
      expect((await chat.say('show me my orders'))?.text, chat.conversationKey).toContain(
        order.orderNumber,
      );
    // Someone else is not.
    expect((await h.chat().say('show me my orders'))?.text).toMatch(/email address/);
  });
});

describe('orders', () => {
  it('lists my orders, newest first', async () => {
    const { order, customer } = await shop.order({ status: 'delivered' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const reply = await chat.say('show me my orders');
    const all = await t.store.orders.listForCustomer(customer.customerId, 5);
    expect(reply?.text).toMatch(/Here are your recent orders/);
    expect(reply?.text.indexOf(all[0]?.orderNumber ?? '?')).toBeLessThan(
      reply?.text.indexOf(all[all.length - 1]?.orderNumber ?? '?') ?? 0,
    );
  });

  it('gives status, carrier and tracking of a shipped order', async () => {
    const { order, customer } = await shop.order({ status: 'shipped' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const reply = await chat.say(`Can you track ${order.orderNumber}?`);
    expect(reply?.text).toContain(order.shipment?.trackingNumber);
    expect(reply?.text).toContain(order.shipment?.carrier);
  });

  it('tells when a delivered order arrived', async () => {
    const { order, customer } = await shop.order({ status: 'delivered' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const reply = await chat.say(`status of ${order.orderNumber}`);
    expect(reply?.text).toContain(
      `delivered on ${order.shipment?.deliveredAt?.toISOString().slice(0, 10)}`,
    );
  });

  it('lists recent orders when asked about "my order" without a number', async () => {
    const { order, customer } = await shop.order({ status: 'processing' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    expect((await chat.say('where is my order?'))?.text).toContain(order.orderNumber);
  });
});

describe('cancelling', () => {
  it('cancels a pending order only after an explicit yes, and the order shows it', async () => {
    const { order, customer } = await shop.order({ status: { $in: ['pending', 'processing'] } });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const proposal = await chat.say(`please cancel order ${order.orderNumber}`);
    expect(proposal?.text).toMatch(/Just to confirm: cancel order/);
    // Every channel shows these as buttons; a press sends the text for the customer.
    expect(proposal?.quickReplies.map((q) => [q.id, q.text])).toEqual([
      ['confirm', 'yes'],
      ['decline', 'no'],
      ['human', 'talk to a person'],
    ]);
    expect((await t.store.orders.findByNumber(order.orderNumber))?.status).toBe(order.status);
    const done = await chat.say('yes');
    expect(done?.text).toMatch(/is cancelled/);
    expect(done?.quickReplies).toEqual([]);
    const after = await t.store.orders.findByNumber(order.orderNumber);
    expect(after?.status).toBe('cancelled');
    expect(after?.cancelledAt).toBeInstanceOf(Date);
    expect(after?.cancelReason).toBe('no longer needed');
  });

  it('leaves the order alone when the customer says no', async () => {
    const { order, customer } = await shop.order({ status: { $in: ['pending', 'processing'] } });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    await chat.say(`cancel ${order.orderNumber}`);
    expect((await chat.say('no'))?.text).toMatch(/left order .* as it is/);
    expect((await chat.say('yes'))?.text).toMatch(/nothing waiting for your confirmation/);
    expect((await t.store.orders.findByNumber(order.orderNumber))?.status).toBe(order.status);
  });

  it('does not take a yes given in the same message as the request', async () => {
    const { order, customer } = await shop.order({ status: { $in: ['pending', 'processing'] } });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    await chat.say(`cancel ${order.orderNumber}, yes I confirm`);
    expect((await t.store.orders.findByNumber(order.orderNumber))?.status).toBe(order.status);
  });

  it('explains that a shipped order cannot be cancelled', async () => {
    const { order, customer } = await shop.order({ status: 'shipped' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    expect((await chat.say(`cancel ${order.orderNumber}`))?.text).toMatch(
      /already shipped, so I can't change it/,
    );
  });

  it('asks which order when none is named', async () => {
    expect((await h.chat().say('I want to cancel my order'))?.text).toMatch(
      /Which order would you like to cancel/,
    );
  });
});

describe('returns and exchanges', () => {
  it('starts a return of a recent delivery after a yes', async () => {
    const { order, customer } = await shop.recentDelivery();
    const chat = await verifiedChat(customer.email, order.orderNumber);
    expect((await chat.say(`I'd like to return order ${order.orderNumber}`))?.text).toMatch(
      /Just to confirm: return/,
    );
    expect(await chat.say('yes please')).toBeTruthy();
    const after = await t.store.orders.findByNumber(order.orderNumber);
    expect(after?.returnRequest?.kind).toBe('return');
    expect(after?.returnRequest?.lines.map((l) => l.sku)).toEqual(order.items.map((i) => i.sku));
  });

  it('records an exchange as an exchange, for the variant named', async () => {
    const { order, customer } = await shop.recentDelivery();
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const [item] = order.items;
    const product = item ? await t.store.products.findById(item.productId) : null;
    // Another variant of the first item in stock, told apart by one option value.
    let other: NonNullable<typeof product>['variants'][number] | undefined;
    for (const v of product?.variants ?? []) {
      const differs = Object.entries(v.options).filter(([name, x]) => item?.options[name] !== x);
      const units = (await t.store.inventory.forSku(v.sku)).reduce((n, r) => n + r.quantity, 0);
      if (v.sku !== item?.sku && v.available && differs.length === 1 && units > 0) {
        other = v;
        break;
      }
    }
    if (!item || !other) throw new Error(`order ${order.orderNumber} has no item to exchange`);
    const [, value] =
      Object.entries(other.options).find(([name, v]) => item.options[name] !== v) ?? [];
    expect(
      (await chat.say(`can I exchange the ${item.name} of ${order.orderNumber} for ${value}?`))
        ?.text,
    ).toMatch(/Just to confirm: exchange/);
    expect((await chat.say('ok'))?.text).toMatch(/exchange for order .* is started/);
    expect(await t.store.orders.findByNumber(order.orderNumber)).toMatchObject({
      status: 'exchange requested',
      returnRequest: { kind: 'exchange', lines: [{ sku: item.sku, newSku: other.sku }] },
    });
  });

  it('refuses a return outside the 30-day window', async () => {
    const { order, customer } = await shop.oldDelivery();
    const chat = await verifiedChat(customer.email, order.orderNumber);
    expect((await chat.say(`return ${order.orderNumber}`))?.text).toMatch(
      /returns are accepted within 30 days/,
    );
  });
});

describe('shipping address', () => {
  it('changes the address of an order that has not shipped, after a yes', async () => {
    const { order, customer } = await shop.order({ status: 'pending' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const reply = await chat.say(
      `Please change the address of ${order.orderNumber} to 77 Lakeview Dr, Boise, ID 83702`,
    );
    expect(reply?.text).toMatch(/send order .* to 77 Lakeview Dr, Boise, ID 83702/);
    expect((await chat.say('yes'))?.text).toMatch(/will now ship to 77 Lakeview Dr, Boise/);
    expect((await t.store.orders.findByNumber(order.orderNumber))?.shippingAddress).toMatchObject({
      line1: '77 Lakeview Dr',
      postalCode: '83702',
    });
  });

  it('does not re-address an order the warehouse is already preparing', async () => {
    const { order, customer } = await shop.order({ status: 'processing' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const reply = await chat.say(
      `Please change the address of ${order.orderNumber} to 77 Lakeview Dr, Boise, ID 83702`,
    );
    expect(reply?.text).toMatch(/already being prepared/);
    expect((await t.store.orders.findByNumber(order.orderNumber))?.shippingAddress).toEqual(
      order.shippingAddress,
    );
  });
});

describe('stock', () => {
  it('answers for a size, with quantities per location', async () => {
    const reply = await h.chat().say('Is the Fjordlite Canyon Hiking Boot in stock in size 42?');
    expect(reply?.text).toMatch(/Fjordlite Canyon Hiking Boot in size 42 is in stock|out of stock/);
    expect(reply?.cards[0]?.name).toBe('Fjordlite Canyon Hiking Boot');
  });

  it('says out of stock with the restock date', async () => {
    const product = await t.store.products.findById('P-10002');
    const variant = product?.variants[0];
    const restock = new Date(Date.now() + 9 * 86_400_000);
    await t.db
      .collection('inventory')
      .updateMany({ sku: variant?.sku }, { $set: { quantity: 0, restockDate: restock } });
    const reply = await h
      .chat()
      .say(
        `do you have the ${product?.name} in ${variant?.options.colour} size ${variant?.options.size}?`,
      );
    expect(reply?.text).toContain('out of stock');
    expect(reply?.text).toContain(restock.toISOString().slice(0, 10));
  });

  it('asks which product when it cannot tell', async () => {
    expect((await h.chat().say('is it in stock?'))?.text).toMatch(
      /Which product do you mean|couldn't find that product/,
    );
  });
});

describe('finding products', () => {
  it('finds products by description within a price limit', async () => {
    const reply = await h.chat().say('waterproof hiking boots under $120');
    expect(reply?.cards.length).toBeGreaterThan(0);
    for (const card of reply?.cards ?? []) {
      expect(Number(card.price.replace('$', ''))).toBeLessThanOrEqual(120);
      expect(card.name).toMatch(/Boot/);
    }
  });

  it('says when nothing matches', async () => {
    expect((await h.chat().say('do you sell surfboards under $5?'))?.text).toMatch(
      /couldn't find anything/,
    );
  });

  it('describes a product', async () => {
    const reply = await h.chat().say('tell me about the Fjordlite Canyon Hiking Boot');
    expect(reply?.text).toMatch(/^Fjordlite Canyon Hiking Boot, \$\d+/);
  });
});

describe('recommendations', () => {
  it('recommends in-stock items the verified customer has not bought, with reasons', async () => {
    const { order, customer } = await shop.order({ status: 'delivered' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const reply = await chat.say('recommend something for me');
    expect(reply?.cards.length).toBeGreaterThan(0);
    const bought = new Set(
      (await t.store.orders.listForCustomer(customer.customerId, 50)).flatMap((o) =>
        o.items.map((i) => i.productId),
      ),
    );
    for (const card of reply?.cards ?? []) {
      expect(card.reason).toBeTruthy();
      expect(card.stock).not.toBe('out_of_stock');
      const product = await t.store.products.findById(card.productId);
      if (!product?.consumable) expect(bought.has(card.productId)).toBe(false);
    }
  });

  it('recommends popular items to a visitor it does not know', async () => {
    const reply = await h.chat().say('any suggestions?');
    expect(reply?.cards.length).toBeGreaterThan(0);
    expect(reply?.cards.every((c) => c.reason === 'popular right now')).toBe(true);
  });

  it('suggests what goes with a named product', async () => {
    const reply = await h.chat().say('what goes with the Fjordlite Canyon Hiking Boot?');
    expect(
      reply?.cards.some((c) =>
        /often bought with the Fjordlite Canyon Hiking Boot/.test(c.reason ?? ''),
      ),
    ).toBe(true);
  });
});

describe('the help centre', () => {
  it.each([
    [
      'What is your return policy?',
      /"Returns"[\s\S]*within 30 days[\s\S]*help\.northwind\.example\/en\/returns/,
    ],
    ['How long does shipping take?', /"Shipping options and delivery times"[\s\S]*\/en\/shipping/],
    ['Is there a warranty on boots?', /"Warranty and repairs"[\s\S]*two-year warranty/],
  ])('answers "%s" with the passage, its title and its link', async (question, answer) => {
    expect((await h.chat().say(question))?.text).toMatch(answer);
  });
});

describe('memory', () => {
  it('remembers a size and greets the returning customer with it in a new conversation', async () => {
    const { order, customer } = await shop.order({ status: 'delivered' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    expect((await chat.say('my shoe size is 43'))?.text).toMatch(/remember that/);
    expect(await t.store.profiles.facts(customer.customerId)).toMatchObject({ shoeSize: '43' });
    const later = h.chat(chat.userId);
    expect((await later.say('hi'))?.text).toMatch(
      new RegExp(
        `Welcome back, ${customer.name.split(' ')[0]}! I still have you down for shoe size 43`,
      ),
    );
  });

  it('keeps the prompt window bounded by folding old messages into a summary', async () => {
    const chat = h.chat();
    for (let i = 0; i < 30; i++) await chat.say(`thanks ${i}`);
    const conversation = await t.store.conversations.findByKey('webchat', chat.conversationKey);
    expect(conversation?.summary).toMatch(/customer: thanks/);
    expect(conversation?.summarizedThrough).toBeInstanceOf(Date);
  });
});

describe('handing over to a person', () => {
  it('escalates when asked, queues the conversation and stops answering', async () => {
    const chat = h.chat();
    expect((await chat.say('I want to talk to a real person'))?.text).toMatch(
      /asked a person from our team to join/,
    );
    const conversation = await t.store.conversations.findByKey('webchat', chat.conversationKey);
    expect(conversation?.mode).toBe('queued');
    const escalations = await t.store.escalations.listOpen();
    expect(
      escalations.find((e) => e.conversationId === conversation?.conversationId),
    ).toMatchObject({ reason: 'customer asked for a person', priority: 'normal' });
    expect(await chat.say('hello?')).toBeNull();
  });

  it('escalates a frustrated customer with high priority', async () => {
    const chat = h.chat();
    await chat.say('This is ridiculous, the worst service ever');
    const conversation = await t.store.conversations.findByKey('webchat', chat.conversationKey);
    const escalation = (await t.store.escalations.listOpen()).find(
      (e) => e.conversationId === conversation?.conversationId,
    );
    expect(escalation?.priority).toBe('high');
  });

  it('asks one clarifying question, and escalates after a second misunderstanding in a row', async () => {
    const chat = h.chat();
    expect((await chat.say('flibber jabber'))?.text).toMatch(/didn't quite get that/);
    expect((await chat.say('wobble quux'))?.text).toMatch(/asked a person/);
  });

  it('does not escalate when the second message is understood', async () => {
    const chat = h.chat();
    await chat.say('flibber jabber');
    expect((await chat.say('what is your warranty policy?'))?.text).toMatch(/two-year warranty/);
    expect((await t.store.conversations.findByKey('webchat', chat.conversationKey))?.mode).toBe(
      'bot',
    );
  });
});

describe('the pipeline', () => {
  it('answers a platform retry of the same event once', async () => {
    const before = h.sender.delivered.length;
    const event = {
      channel: 'webchat' as const,
      conversationKey: 'retry-1',
      platformUserId: 'u-retry',
      text: 'hello',
      eventKey: 'webchat:retry-1:m1',
      receivedAt: new Date(),
    };
    const first = await h.concierge.pipeline.receive(event);
    const second = await h.concierge.pipeline.receive({ ...event });
    await first.turn;
    expect(second.status).toBe('duplicate');
    expect(h.sender.delivered.length - before).toBe(1);
  });

  it('runs the turns of one conversation in order', async () => {
    const base = {
      channel: 'webchat' as const,
      conversationKey: 'order-1',
      platformUserId: 'u-order',
      receivedAt: new Date(),
    };
    const turns = await Promise.all(
      ['hello', 'thanks', 'bye'].map((text, i) =>
        h.concierge.pipeline.receive({ ...base, text, eventKey: `webchat:order-1:${i}` }),
      ),
    );
    await Promise.all(turns.map((r) => r.turn));
    const replies = h.sender.delivered
      .filter((m) => m.conversationKey === 'order-1')
      .map((m) => m.text);
    expect(replies).toEqual([
      expect.stringMatching(/^Hello/),
      expect.stringMatching(/welcome/),
      expect.stringMatching(/great day/),
    ]);
  });
});
