import { beforeAll, describe, expect, it } from 'vitest';
import type { ConciergePorts } from '../../src/concierge.js';
import { createHarness, type Harness } from '../helpers/chat-harness.js';

/**
 * The scenarios that touch commerce, with one set of assertions for every backend: what the
 * customer hears, and what the backend then holds (read back through its own `Commerce`).
 * Each test uses its own customer's orders, so the order of tests does not matter.
 */
export function commerceContract(backend: string, ports: () => ConciergePorts): void {
  let h: Harness;
  beforeAll(() => {
    h = createHarness(ports());
  });
  const commerce = () => ports().commerce;

  async function verified(email: string, orderNumber: string) {
    const chat = h.chat();
    const reply = await chat.say(`Hi, I'm ${email} and my order number is ${orderNumber}`);
    expect(reply?.text).toMatch(/you're verified/);
    const customer = await commerce().customerByEmail(email);
    if (!customer) throw new Error(`${email} is not a customer of the ${backend} shop`);
    return { chat, customerId: customer.customerId };
  }

  describe(`commerce contract: ${backend}`, () => {
    it('verifies with e-mail and order number, and refuses another customer’s order', async () => {
      await verified('barbara@example.com', '#1008');
      const reply = await h.chat().say("I'm edsger@example.com, order #1003");
      expect(reply?.text).toMatch(/don't match an account/);
    });

    it('lists the customer’s orders, newest first, and none of anyone else’s', async () => {
      const { chat } = await verified('ada@example.com', '#1002');
      const text = (await chat.say('show me my orders'))?.text ?? '';
      expect(text).toContain('#1001');
      expect(text).toContain('#1002');
      expect(text.indexOf('#1001')).toBeLessThan(text.indexOf('#1002'));
      expect(text).not.toContain('#1003');
    });

    it('tracks a shipped order with carrier and tracking number', async () => {
      const { chat } = await verified('grace@example.com', '#1003');
      const text = (await chat.say('Can you track #1003?'))?.text ?? '';
      expect(text).toContain('UPS');
      expect(text).toContain('1Z1003999');
    });

    it('cancels a pending order after a yes, refunding it', async () => {
      const { chat, customerId } = await verified('grace@example.com', '#1004');
      expect((await chat.say('please cancel order #1004'))?.text).toMatch(
        /Just to confirm: cancel order/,
      );
      expect((await chat.say('yes'))?.text).toMatch(/is cancelled/);
      const order = await commerce().orderOf(customerId, '#1004');
      expect(order?.status).toBe('cancelled');
      expect(order?.payments.filter((p) => p.kind === 'refund')).toHaveLength(1);
    });

    it('changes an item of a pending order to another variant after a yes', async () => {
      const { chat, customerId } = await verified('ada@example.com', '#1001');
      expect((await chat.say('change the black one on order #1001 to blue'))?.text).toMatch(
        /Just to confirm/,
      );
      await chat.say('yes');
      const order = await commerce().orderOf(customerId, '#1001');
      const skus = order?.items.map((i) => i.sku) ?? [];
      expect(skus).toContain('BOT-BLU-500');
      expect(skus).not.toContain('BOT-BLK-500');
    });

    it('starts a return of a recent delivery after a yes', async () => {
      const { chat, customerId } = await verified('alan@example.com', '#1005');
      expect((await chat.say("I'd like to return order #1005"))?.text).toMatch(
        /Just to confirm: return/,
      );
      expect(await chat.say('yes please')).toBeTruthy();
      expect((await commerce().orderOf(customerId, '#1005'))?.status).toBe('return requested');
    });

    it('starts an exchange for the variant named after a yes', async () => {
      const { chat, customerId } = await verified('barbara@example.com', '#1009');
      expect(
        (await chat.say('can I exchange the Trail Water Bottle of #1009 for blue?'))?.text,
      ).toMatch(/Just to confirm: exchange/);
      expect((await chat.say('ok'))?.text).toMatch(/exchange for order .* is started/);
      expect((await commerce().orderOf(customerId, '#1009'))?.status).toBe('exchange requested');
    });

    it('re-addresses a pending order after a yes', async () => {
      const { chat, customerId } = await verified('edsger@example.com', '#1007');
      const reply = await chat.say('Please send order #1007 to 77 Lakeview Dr, Boise, ID 83702');
      expect(reply?.text).toMatch(/send order .* to 77 Lakeview Dr, Boise, ID 83702/);
      expect((await chat.say('yes'))?.text).toMatch(/will now ship to 77 Lakeview Dr, Boise/);
      expect((await commerce().orderOf(customerId, '#1007'))?.shippingAddress).toMatchObject({
        line1: '77 Lakeview Dr',
        postalCode: '83702',
      });
    });

    it('does not re-address an order the warehouse is preparing', async () => {
      const { chat, customerId } = await verified('alan@example.com', '#1006');
      const reply = await chat.say('Please send order #1006 to 77 Lakeview Dr, Boise, ID 83702');
      expect(reply?.text).toMatch(/already being prepared/);
      expect((await commerce().orderOf(customerId, '#1006'))?.shippingAddress.line1).toBe(
        '3 Pine Rd',
      );
    });

    it('answers a stock question with the units per location', async () => {
      const text = (await h.chat().say('Is the Trail Water Bottle in stock in blue?'))?.text ?? '';
      expect(text).toMatch(/in stock/);
      expect(text).toContain('Main warehouse');
    });

    it('finds products by what they are for', async () => {
      const reply = await h.chat().say('do you have a waterproof rain jacket?');
      expect(reply?.cards.map((c) => c.name)).toContain('Storm Rain Jacket');
    });

    it('recommends in-stock products the customer has not bought', async () => {
      const { chat } = await verified('grace@example.com', '#1003');
      const reply = await chat.say('recommend something for me');
      expect(reply?.cards.length).toBeGreaterThan(0);
      for (const card of reply?.cards ?? []) expect(card.stock).not.toBe('out_of_stock');
    });
  });
}
