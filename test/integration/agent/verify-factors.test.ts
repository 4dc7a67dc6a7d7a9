import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Customer } from '../../../src/domain/retail.js';
import type { RetailPolicy } from '../../../src/domain/retail-policy.js';
import { FakeOpenAI } from '../../../src/eval/scripted-openai.js';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';
import { createHarness } from '../../helpers/chat-harness.js';
import { aCustomer } from '../../helpers/retail-records.js';

const yusuf: Customer = aCustomer({
  customerId: 'yusuf_rossi_9620',
  name: 'Yusuf Rossi',
  email: 'yusuf.rossi7301@example.com',
  address: {
    line1: '763 Broadway',
    line2: 'Suite 135',
    city: 'Philadelphia',
    region: 'PA',
    postalCode: '19122',
    country: 'USA',
  },
});

let llm: FakeOpenAI;
let baseUrl: string;
beforeEach(async () => {
  llm = new FakeOpenAI();
  baseUrl = await llm.start();
});
afterEach(() => llm.stop());

function chatWith(retail: RetailPolicy) {
  const ports = inMemoryPorts({ customers: [yusuf] });
  const config = {
    llm: { apiKey: 'sk-test', baseUrl, model: 'fake' },
    llmTimeoutMs: 5000,
    llmMaxRetries: 0,
    retail,
  };
  return { ports, chat: createHarness(ports, { config }).chat() };
}

/** The tool result the model read after its call. */
async function verifyWith(chat: ReturnType<typeof chatWith>['chat'], args: object) {
  llm.reply(
    { kind: 'tool_call', name: 'verify_customer', args: args as Record<string, unknown> },
    { kind: 'text', text: 'ok' },
  );
  const before = llm.requests.length;
  await chat.say('here are my details');
  const tool = llm.requests
    .slice(before)
    .at(-1)
    ?.body.messages.filter((m) => m.role === 'tool')
    .at(-1);
  return JSON.parse(String(tool?.content)) as Record<string, unknown>;
}

describe('verification factors are the retailer’s choice (VERIFY_WITH)', () => {
  it('verifies by name and zip code under τ²’s policy, in any case and spacing', async () => {
    const { chat } = chatWith({ verifyWith: ['email', 'name+zip'], returnWindowDays: 30 });
    expect(await verifyWith(chat, { name: 'yusuf  ROSSI', postalCode: '19121' })).toMatchObject({
      error: 'verification_failed',
    });
    expect(await verifyWith(chat, { name: 'yusuf  ROSSI', postalCode: '19122' })).toMatchObject({
      ok: true,
      firstName: 'Yusuf',
    });
  });

  it('verifies by e-mail alone under τ²’s policy, but not under the default', async () => {
    const tau = chatWith({ verifyWith: ['email', 'name+zip'], returnWindowDays: 30 });
    expect(await verifyWith(tau.chat, { email: 'Yusuf.Rossi7301@example.com' })).toMatchObject({
      ok: true,
    });
    const strict = chatWith({ verifyWith: ['email+order'], returnWindowDays: 30 });
    expect(await verifyWith(strict.chat, { email: 'yusuf.rossi7301@example.com' })).toMatchObject({
      error: 'verification_incomplete',
    });
    expect(
      await verifyWith(strict.chat, { name: 'Yusuf Rossi', postalCode: '19122' }),
    ).toMatchObject({ error: 'verification_incomplete' });
  });

  it('counts name and zip guesses against the same limit as e-mail guesses', async () => {
    const { chat } = chatWith({ verifyWith: ['name+zip'], returnWindowDays: 30 });
    const answers: unknown[] = [];
    for (let guess = 0; guess < 4; guess++)
      answers.push(
        (await verifyWith(chat, { name: 'Yusuf Rossi', postalCode: `1900${guess}` })).error,
      );
    // Three free guesses at one name's zip code, then a wait.
    expect(answers).toEqual([
      'verification_failed',
      'verification_failed',
      'verification_failed',
      'too_many_attempts',
    ]);
    // Once limited, even the right zip code is refused until the wait is over.
    expect(await verifyWith(chat, { name: 'Yusuf Rossi', postalCode: '19122' })).toMatchObject({
      error: 'too_many_attempts',
    });
  });
});
