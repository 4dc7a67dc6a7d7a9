import { describe, expect, it } from 'vitest';
import { redactUrl } from '../../../src/logger.js';

describe('request URLs in logs', () => {
  it('hide the web chat session id and the staff search, and keep the rest', () => {
    expect(redactUrl('/api/chat/events?sessionId=abcDEF0123456789abcdef')).toBe(
      '/api/chat/events?sessionId=[redacted]',
    );
    expect(redactUrl('/api/console/conversations?mode=queued&q=ana%40example.com')).toBe(
      '/api/console/conversations?mode=queued&q=[redacted]',
    );
    expect(redactUrl('/api/chat/messages?%73essionId=secret')).toBe(
      '/api/chat/messages?%73essionId=[redacted]',
    );
    expect(redactUrl('/readyz')).toBe('/readyz');
  });
});
