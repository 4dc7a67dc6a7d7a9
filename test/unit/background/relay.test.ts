import { describe, expect, it } from 'vitest';
import { Relay } from '../../../src/background/relay.js';
import { createLogger } from '../../../src/logger.js';
import { inMemoryPorts } from '../../fakes/in-memory-ports.js';

const logger = createLogger({ level: 'silent', format: 'json' });
const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe('the relay between processes', () => {
  it("delivers one process's events to another's listeners once, and drafts to none", async () => {
    const { broadcasts } = inMemoryPorts();
    const one = new Relay(broadcasts, 'one', logger);
    const two = new Relay(broadcasts, 'two', logger);
    const heardByOne: unknown[] = [];
    const heardByTwo: unknown[] = [];
    one.subscribe('feed', (p) => heardByOne.push(p));
    two.subscribe('feed', (p) => heardByTwo.push(p));
    one.publish('feed', { n: 1 });
    one.publish('feed', { n: 'draft' }, { local: true });
    expect(heardByOne).toEqual([{ n: 1 }, { n: 'draft' }]);
    await settle();
    await two.poll();
    await two.poll();
    expect(heardByTwo).toEqual([{ n: 1 }]);
    // Its own events come back from the store too, and are not heard twice.
    await one.poll();
    expect(heardByOne).toHaveLength(2);
  });

  it('delivers an event stored late, stamped before what was already read', async () => {
    const { broadcasts } = inMemoryPorts();
    const two = new Relay(broadcasts, 'two', logger);
    const heard: unknown[] = [];
    two.subscribe('feed', (p) => heard.push(p));
    const now = Date.now();
    await broadcasts.append([
      { origin: 'one', topic: 'feed', payload: 'on time', at: new Date(now) },
    ]);
    await two.poll();
    // A slow insert: stamped a second before the one already read, visible only now.
    await broadcasts.append([
      { origin: 'three', topic: 'feed', payload: 'late', at: new Date(now - 1000) },
    ]);
    await two.poll();
    expect(heard).toEqual(['on time', 'late']);
  });

  it('leaves listeners that want their own process only out of other processes events', async () => {
    const { broadcasts } = inMemoryPorts();
    const one = new Relay(broadcasts, 'one', logger);
    const two = new Relay(broadcasts, 'two', logger);
    const local: unknown[] = [];
    const all: unknown[] = [];
    two.subscribe('feed', (p) => local.push(p), { remote: false });
    two.subscribe('feed', (p) => all.push(p));
    one.publish('feed', 'from one');
    await settle();
    await two.poll();
    expect(all).toEqual(['from one']);
    expect(local).toEqual([]);
  });
});
