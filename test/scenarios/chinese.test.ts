import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/chat-harness.js';
import { useDemoShop } from '../helpers/shop.js';

const shop = useDemoShop('scen_zh');
const { t } = shop;
let h: Harness;
beforeAll(() => {
  h = createHarness(t.store);
});

async function verifiedChat(email: string, orderNumber: string) {
  const chat = h.chat();
  expect((await chat.say(`你好，我的邮箱是 ${email}，订单号 ${orderNumber}`))?.text).toMatch(
    /身份已验证/,
  );
  return chat;
}

describe('中文对话', () => {
  it('用中文问候', async () => {
    expect((await h.chat().say('你好'))?.text).toMatch(/^您好！/);
  });

  it('验证失败时不说是哪一项错了', async () => {
    const a = await shop.order({ status: 'delivered' });
    const b = await shop.order({ status: 'delivered' });
    expect(
      (await h.chat().say(`我是 ${a.customer.email}，订单号 ${b.order.orderNumber}`))?.text,
    ).toMatch(/对不上任何账户/);
  });

  it('列出我的订单', async () => {
    const { order, customer } = await shop.order({ status: 'delivered' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const reply = await chat.say('我的订单');
    expect(reply?.text).toMatch(/这是您最近的订单/);
    expect(reply?.text).toContain(order.orderNumber);
  });

  it('查询物流并给出运单号', async () => {
    const { order, customer } = await shop.order({ status: 'shipped' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    const reply = await chat.say(`订单 ${order.orderNumber} 到哪了？`);
    expect(reply?.text).toMatch(/已发货/);
    expect(reply?.text).toContain(order.shipment?.trackingNumber);
  });

  it('取消订单需要回复"是"才执行', async () => {
    const { order, customer } = await shop.order({ status: 'pending' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    expect((await chat.say(`取消订单 ${order.orderNumber}`))?.text).toMatch(
      /^请确认：cancel order/,
    );
    expect((await chat.say('是'))?.text).toMatch(/已取消/);
    expect((await t.store.orders.findByNumber(order.orderNumber))?.status).toBe('cancelled');
  });

  it('回复"不"则保持订单不变', async () => {
    const { order, customer } = await shop.order({ status: 'pending' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    await chat.say(`取消 ${order.orderNumber}`);
    expect((await chat.say('不要'))?.text).toMatch(/保持不变/);
    expect((await t.store.orders.findByNumber(order.orderNumber))?.status).toBe(order.status);
  });

  it('申请退货并确认', async () => {
    const { order, customer } = await shop.recentDelivery();
    const chat = await verifiedChat(customer.email, order.orderNumber);
    expect((await chat.say(`我想退货，订单 ${order.orderNumber}`))?.text).toMatch(/^请确认/);
    expect((await chat.say('好的'))?.text).toMatch(/退货已受理/);
    expect((await t.store.orders.findByNumber(order.orderNumber))?.returnRequest?.kind).toBe(
      'return',
    );
  });

  it('修改未发货订单的地址', async () => {
    const { order, customer } = await shop.order({ status: 'pending' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    expect(
      (await chat.say(`订单 ${order.orderNumber} 改地址到 5 River Rd, Denver, CO 80202`))?.text,
    ).toMatch(/^请确认/);
    expect((await chat.say('确认'))?.text).toMatch(/将寄往 5 River Rd, Denver/);
  });

  it('找适合夏天的太阳镜', async () => {
    const reply = await h.chat().say('适合夏天的太阳镜');
    expect(reply?.text).toMatch(/^为您找到/);
    expect(reply?.cards.length).toBeGreaterThan(0);
    expect(reply?.cards.every((c) => /Sunglasses/.test(c.name))).toBe(true);
  });

  it('按价格找防水外套', async () => {
    const reply = await h.chat().say('有没有200元以下的防水外套');
    expect(reply?.cards.length).toBeGreaterThan(0);
    for (const card of reply?.cards ?? [])
      expect(Number(card.price.replace('$', ''))).toBeLessThanOrEqual(200);
  });

  it('查询库存', async () => {
    const reply = await h.chat().say('Fjordlite Canyon Hiking Boot 42码有货吗？');
    expect(reply?.text).toMatch(/有货：Fjordlite Canyon Hiking Boot 42码|缺货/);
  });

  it('推荐商品', async () => {
    const reply = await h.chat().say('给我推荐一些东西');
    expect(reply?.text).toMatch(/^为您推荐/);
    expect(reply?.cards.length).toBeGreaterThan(0);
  });

  it('询问退货政策：用中文文章回答，不夹英文', async () => {
    const text = (await h.chat().say('你们的退货政策是什么？'))?.text ?? '';
    expect(text).toMatch(
      /^帮助中心《退货》[\s\S]*30天内[\s\S]*help\.northwind\.example\/zh\/returns/,
    );
    expect(text).not.toMatch(/returns policy|Unworn/);
  });

  it('帮助中心没有的内容：如实说明并提出转人工，同意后转接', async () => {
    const chat = h.chat();
    expect((await chat.say('你们有关于太空旅行的政策吗？'))?.text).toMatch(
      /帮助中心里没有找到相关内容/,
    );
    expect((await chat.say('好的'))?.text).toMatch(/请同事来处理/);
  });

  it('转人工', async () => {
    const chat = h.chat();
    expect((await chat.say('我要转人工'))?.text).toMatch(/请同事来处理/);
    expect((await t.store.conversations.findByKey('webchat', chat.conversationKey))?.mode).toBe(
      'queued',
    );
  });

  it('两次没听懂后转人工', async () => {
    const chat = h.chat();
    expect((await chat.say('呜啦啦'))?.text).toMatch(/没太明白/);
    expect((await chat.say('哔哩哔哩'))?.text).toMatch(/请同事来处理/);
  });

  it('道谢和告别', async () => {
    const chat = h.chat();
    expect((await chat.say('谢谢'))?.text).toMatch(/不客气/);
    expect((await chat.say('再见'))?.text).toMatch(/感谢光临/);
  });

  it('记住尺码，下次问候时提起', async () => {
    const { order, customer } = await shop.order({ status: 'delivered' });
    const chat = await verifiedChat(customer.email, order.orderNumber);
    expect((await chat.say('我穿42码'))?.text).toMatch(/我记住了/);
    expect((await h.chat(chat.userId).say('你好'))?.text).toMatch(/欢迎回来.*我记得您穿42码的鞋/);
  });
});
