import { describe, expect, it } from 'vitest';
import { BusinessHours } from '../../../src/domain/business-hours.js';

describe('business hours', () => {
  it('parses windows and finds the next opening, also across a week end and in a time zone', () => {
    const hours = BusinessHours.parse('Mon-Fri 09:00-17:30, Sat 10:15-12:00', 'Europe/Berlin');
    // 08:00 UTC on a Monday in winter is 09:00 in Berlin.
    expect(hours.isOpen(new Date('2026-12-07T08:00:00Z'))).toBe(true);
    expect(hours.isOpen(new Date('2026-12-07T07:59:00Z'))).toBe(false);
    expect(hours.isOpen(new Date('2026-12-07T16:29:00Z'))).toBe(true);
    expect(hours.isOpen(new Date('2026-12-07T16:30:00Z'))).toBe(false);
    expect(hours.nextOpening(new Date('2026-12-04T20:00:00Z')).toISOString()).toBe(
      '2026-12-05T09:15:00.000Z',
    );
    expect(hours.nextOpening(new Date('2026-12-05T12:00:00Z')).toISOString()).toBe(
      '2026-12-07T08:00:00.000Z',
    );
    expect(hours.describe(new Date('2026-12-07T08:00:00Z'), 'en')).toBe(
      'Monday 09:00 (Europe/Berlin)',
    );
  });

  it('finds a window shorter than the search step', () => {
    const hours = BusinessHours.parse('Wed 10:05-10:09', 'UTC');
    expect(hours.nextOpening(new Date('2026-12-02T09:00:00Z')).toISOString()).toBe(
      '2026-12-02T10:05:00.000Z',
    );
  });

  it('rejects what it cannot read, naming the part', () => {
    expect(() => BusinessHours.parse('Mon-Fri 9-17', 'UTC')).toThrow(/cannot read "Mon-Fri 9-17"/);
    expect(() => BusinessHours.parse('Mon-Fun 09:00-17:00', 'UTC')).toThrow(/"fun" is not a day/);
    expect(() => BusinessHours.parse('Mon 17:00-09:00', 'UTC')).toThrow(/not a time range/);
    expect(() => BusinessHours.parse('Mon 09:00-17:00', 'Mars/Olympus')).toThrow(
      /BUSINESS_TIMEZONE/,
    );
  });
});
