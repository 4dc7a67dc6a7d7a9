import { describe, expect, it } from 'vitest';
import { customerMessage, plainText } from '../../../src/adapters/slack/inbound.js';

const base = { channel: 'D1', user: 'U1', text: 'hi', ts: '1700000000.000100' } as const;

describe('Slack inbound messages', () => {
  it('turns Slack markup back into what the customer typed', () => {
    expect(
      plainText(
        '<@UBOT> I am <mailto:jo@example.com|jo@example.com>, see <https://x.io|here> &amp; <!here>',
      ),
    ).toBe('I am jo@example.com, see here &');
  });

  it('keys a DM by channel and user, and a mention by its thread and user', () => {
    expect(customerMessage({ ...base, type: 'message', channel_type: 'im' }, 'UBOT')).toEqual({
      conversationKey: 'D1::U1',
      text: 'hi',
    });
    expect(
      customerMessage(
        { ...base, type: 'app_mention', channel: 'C1', thread_ts: '1699999999.000001' },
        'UBOT',
      )?.conversationKey,
    ).toBe('C1:1699999999.000001:U1');
    expect(
      customerMessage({ ...base, type: 'app_mention', channel: 'C1' }, 'UBOT')?.conversationKey,
    ).toBe('C1:1700000000.000100:U1');
  });

  it('ignores edits, bots (itself included) and channel messages without a mention', () => {
    expect(
      customerMessage(
        { ...base, type: 'message', channel_type: 'im', subtype: 'message_changed' },
        'UBOT',
      ),
    ).toBeNull();
    expect(
      customerMessage({ ...base, type: 'message', channel_type: 'im', bot_id: 'B2' }, 'UBOT'),
    ).toBeNull();
    expect(
      customerMessage({ ...base, type: 'message', channel_type: 'im', user: 'UBOT' }, 'UBOT'),
    ).toBeNull();
    expect(
      customerMessage({ ...base, type: 'message', channel_type: 'channel' }, 'UBOT'),
    ).toBeNull();
  });
});
