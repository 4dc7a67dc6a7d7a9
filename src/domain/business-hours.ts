import type { Language } from '../language/detect.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

interface Window {
  days: Set<number>;
  /** Minutes after local midnight; `to` is exclusive. */
  from: number;
  to: number;
}

const WINDOW = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;
/** Steps of the search for the next opening; never longer than the shortest window. */
const MAX_STEP_MINUTES = 15;
const LOOK_AHEAD_MINUTES = 8 * 24 * 60;

function dayIndex(name: string, spec: string): number {
  const index = DAYS.findIndex((d) => d === name);
  if (index < 0) throw invalid(spec, `"${name}" is not a day (use Mon, Tue, ... Sun)`);
  return index;
}

/** Business hours that cannot be read; configuration reports it as the variable's error. */
export class InvalidBusinessHoursError extends Error {
  override readonly name = 'InvalidBusinessHoursError';
}

function invalid(spec: string, why: string): InvalidBusinessHoursError {
  return new InvalidBusinessHoursError(
    `BUSINESS_HOURS "${spec}": ${why}; expected e.g. "Mon-Fri 09:00-17:00, Sat 10:00-14:00"`,
  );
}

/**
 * When staff are at work, in the shop's time zone: outside these hours a queued customer is
 * told when a person will reply. `null` hours mean staff are always there.
 */
export class BusinessHours {
  private readonly windows: Window[];
  private readonly parts: Intl.DateTimeFormat;
  private readonly step: number;

  private constructor(
    windows: Window[],
    readonly timeZone: string,
  ) {
    this.windows = windows;
    this.step = Math.min(MAX_STEP_MINUTES, ...windows.map((w) => w.to - w.from));
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
  }

  /** Parses "Mon-Fri 09:00-17:00, Sat 10:00-14:00" in an IANA time zone such as Europe/Berlin. */
  static parse(spec: string, timeZone: string): BusinessHours {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone });
    } catch {
      throw new InvalidBusinessHoursError(
        `BUSINESS_TIMEZONE "${timeZone}" is not a time zone (e.g. Europe/Berlin)`,
      );
    }
    const windows = spec.split(',').map((part) => {
      const match = WINDOW.exec(part.trim().toLowerCase());
      if (!match) throw invalid(spec, `cannot read "${part.trim()}"`);
      const [, first = '', last, fromH, fromM, toH, toM] = match;
      const start = dayIndex(first, spec);
      const end = last ? dayIndex(last, spec) : start;
      const days = new Set<number>();
      for (let d = start; ; d = (d + 1) % 7) {
        days.add(d);
        if (d === end) break;
      }
      const from = Number(fromH) * 60 + Number(fromM);
      const to = Number(toH) * 60 + Number(toM);
      if (Number(fromM) > 59 || Number(toM) > 59 || to > 24 * 60 || from >= to)
        throw invalid(spec, `"${part.trim()}" is not a time range within one day`);
      return { days, from, to };
    });
    return new BusinessHours(windows, timeZone);
  }

  isOpen(at: Date): boolean {
    const parts = Object.fromEntries(this.parts.formatToParts(at).map((p) => [p.type, p.value]));
    const weekday = String(parts.weekday).toLowerCase();
    const day = DAYS.findIndex((d) => d === weekday);
    const minute = Number(parts.hour) * 60 + Number(parts.minute);
    return this.windows.some((w) => w.days.has(day) && minute >= w.from && minute < w.to);
  }

  /** The next minute at which staff are at work: `at` itself when they are now. */
  nextOpening(at: Date): Date {
    if (this.isOpen(at)) return at;
    const start = Math.ceil(at.getTime() / 60_000) * 60_000;
    for (let m = this.step; m <= LOOK_AHEAD_MINUTES; m += this.step) {
      if (!this.isOpen(new Date(start + m * 60_000))) continue;
      // Windows need not start on a step: find the first open minute of this one.
      let first = m;
      while (first > 0 && this.isOpen(new Date(start + (first - 1) * 60_000))) first--;
      return new Date(start + first * 60_000);
    }
    // Unreachable: parse() accepts only non-empty windows, so one opens within a week.
    throw new Error('business hours without an opening');
  }

  /** "Monday 09:00" in the shop's time zone, in the customer's language. */
  describe(at: Date, language: Language): string {
    return `${new Intl.DateTimeFormat(language === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: this.timeZone,
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(at)} (${this.timeZone})`;
  }
}
