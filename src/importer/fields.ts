import { z } from 'zod';

/** Field types shared by the import formats; each accepts the JSON value or its CSV text. */

/** "required" for a missing value, else what was expected. */
const expected = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'required' : `expected ${what}`;

export const text = z
  .string({ error: expected('text') })
  .trim()
  .min(1, 'must not be empty');

export const id = text.max(100, 'must be at most 100 characters');

export const money = z.coerce
  .number({ error: expected('an amount such as 19.99') })
  .nonnegative('must not be negative')
  .refine(
    (amount) => Math.abs(amount * 100 - Math.round(amount * 100)) < 1e-6,
    'at most two decimals',
  )
  .transform((amount) => Math.round(amount * 100));

export const count = z.coerce
  .number({ error: expected('a whole number') })
  .int('expected a whole number')
  .nonnegative('must not be negative');

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export const date = z
  .string({ error: expected('a date such as 2026-03-01 or 2026-03-01T10:00:00Z') })
  .trim()
  .refine(
    (value) => ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)),
    'expected a date such as 2026-03-01 or 2026-03-01T10:00:00Z',
  )
  .transform((value) => new Date(value));

export const flag = z
  .union([z.boolean(), z.enum(['true', 'false', 'yes', 'no', '1', '0'])], {
    error: 'expected true or false',
  })
  .transform((value) => value === true || value === 'true' || value === 'yes' || value === '1');

/** A list: a JSON array, or CSV text separated by "|". */
export const list = z
  .union([z.array(text), z.string()], { error: 'expected a list' })
  .transform((value) =>
    (Array.isArray(value) ? value : value.split('|')).map((item) => item.trim()).filter(Boolean),
  );

export const currency = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{3}$/, 'expected a three-letter currency code such as USD')
  .transform((code) => code.toUpperCase());

export const email = z
  .string({ error: expected('an email address') })
  .trim()
  .toLowerCase()
  .pipe(z.email('expected an email address'));
