import { describe, expect, it } from 'vitest';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';
import { createHarness } from '../../helpers/chat-harness.js';

const chat = () => createHarness(inMemoryPorts()).chat();

describe('the offline model answers from the help centre, and never mistakes a question for a change', () => {
  it.each([
    ['cancel my account please', /"Deleting your account"/],
    ['how do I cancel my newsletter subscription?', /"Newsletter"/],
    ['where is my refund?', /"Refunds and how long they take"/],
    ["I still haven't received my refund", /"Refunds and how long they take"/],
    ['how do I reset my password', /"Resetting your password"/],
    ['can I get an invoice for my order', /"Invoices and receipts"/],
    ['what are the opening hours of the Denver store', /"Store locations and hours"/],
    ['do you ship to the UK?', /"International shipping"/],
  ])(
    '"%s" is answered from %s, with its link, and no order question',
    async (question, article) => {
      const text = (await chat().say(question))?.text ?? '';
      expect(text).toMatch(article);
      expect(text).toMatch(/https:\/\/help\.northwind\.example\/en\//);
      expect(text).not.toMatch(/which order|order number/i);
    },
  );

  it.each([
    ['怎么注销我的账户', /《注销账户》/],
    ['我的退款什么时候到账', /《退款及到账时间》/],
    ['我忘记密码了怎么办', /《重置密码》/],
    ['怎么退订你们的邮件', /《电子通讯》/],
  ])('answers "%s" from the Chinese article %s', async (question, article) => {
    const text = (await chat().say(question))?.text ?? '';
    expect(text).toMatch(article);
    expect(text).toMatch(/help\.northwind\.example\/zh\//);
    expect(text).not.toMatch(/[A-Za-z]{4,} [A-Za-z]{4,}/);
  });

  it('asks once, then hands over, when neither the rules nor the help centre know', async () => {
    const c = chat();
    expect((await c.say('flibber jabber wocky'))?.text).toMatch(/didn't quite get that/);
    expect((await c.say('zorp blat quux'))?.text).toMatch(/person/i);
  });
});
