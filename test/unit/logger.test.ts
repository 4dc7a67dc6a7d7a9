import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUri } from '../../src/logger.js';

function capture(format: 'json' | 'pretty' = 'json') {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'info', format, destination }), lines };
}

describe('createLogger', () => {
  it('writes structured JSON lines', () => {
    const { logger, lines } = capture();
    logger.info({ orderNumber: 'NW-100001' }, 'looked up');
    const line = JSON.parse(lines[0] ?? '{}');
    expect(line).toMatchObject({
      msg: 'looked up',
      orderNumber: 'NW-100001',
      level: 30,
      service: 'concierge',
    });
  });

  it('redacts secrets and contact details at any of the first three levels', () => {
    const { logger, lines } = capture();
    logger.info(
      {
        apiKey: 'sk-live-123',
        customer: { email: 'jo@example.com', phone: '+1-555-0100', name: 'Jo' },
        request: { headers: { authorization: 'Bearer abc' } },
        staff: { password: 'hunter2' },
      },
      'event',
    );
    const text = lines.join('');
    for (const secret of [
      'sk-live-123',
      'jo@example.com',
      '+1-555-0100',
      'Bearer abc',
      'hunter2',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('"name":"Jo"');
    expect(text).toContain('[redacted]');
  });

  it('redacts in pretty mode too', () => {
    const { logger, lines } = capture('pretty');
    logger.info({ token: 'xoxb-secret' }, 'pretty line');
    const text = lines.join('');
    expect(text).toContain('pretty line');
    expect(text).not.toContain('xoxb-secret');
  });
});

describe('redactUri', () => {
  it('hides the password of a connection string', () => {
    expect(redactUri('mongodb+srv://shop:s3cret@cluster0.example.net/db')).toBe(
      'mongodb+srv://shop:[redacted]@cluster0.example.net/db',
    );
  });

  it('leaves a URI without credentials alone', () => {
    expect(redactUri('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/');
  });
});
