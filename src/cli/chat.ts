import { randomUUID } from 'node:crypto';
import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline/promises';
import { createConcierge } from '../concierge.js';
import { parseConfig, withEnvFile } from '../config.js';
import type { OutboundMessage } from '../domain/outbound.js';
import { withStore } from './with-store.js';

/**
 * A terminal chat with the same agent and pipeline as web chat, on the configured MongoDB.
 * Each run is a new conversation of a new visitor; verify with an email and order number.
 */
const config = parseConfig(withEnvFile(process.env));

function show(message: OutboundMessage): void {
  console.log(`\nconcierge> ${message.text}`);
  for (const card of message.cards) {
    console.log(
      `  [${card.name} · ${card.price} · ${card.stock.replace(/_/g, ' ')}${card.reason ? ` · ${card.reason}` : ''}]`,
    );
  }
}

await withStore(async (store, logger) => {
  const concierge = createConcierge({ config, ports: store, logger });
  const session = `terminal-${randomUUID()}`;
  concierge.senders.register('webchat', {
    deliver: async (message) => show(message),
    partial: (_key, text) => stdout.write(`\rconcierge (typing)> ${text.slice(-60)}`),
  });
  console.log(`Concierge terminal chat (${concierge.models.description}). Type /quit to leave.`);
  const input = createInterface({ input: stdin, output: stdout, prompt: '\nyou> ' });
  input.prompt();
  // Iterating the lines (rather than question()) keeps lines typed or piped in ahead.
  for await (const line of input) {
    const text = line.trim();
    if (text === '/quit') break;
    if (text) {
      const received = await concierge.pipeline.receive({
        channel: 'webchat',
        conversationKey: session,
        platformUserId: session,
        text,
        eventKey: `terminal:${randomUUID()}`,
        receivedAt: new Date(),
      });
      if (received.status === 'rejected')
        console.log(`\n(not sent: ${received.reasons.join('; ')})`);
      else if (!(await received.turn)?.replied)
        console.log('\n(no reply: a person has been asked to take over)');
    }
    input.prompt();
  }
  input.close();
  await concierge.pipeline.drain();
  return 0;
});
