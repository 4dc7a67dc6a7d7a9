import { describe, expect, it } from 'vitest';
import { ArithmeticError, evaluateArithmetic } from '../../../src/tools/arithmetic.js';

describe("the calculate tool's arithmetic", () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['129.99 - 89.5', 40.49],
    ['-(2 - 5) / 2', 1.5],
    ['.5 + .25', 0.75],
    ['100 / 8 / 5', 2.5],
  ])('%s = %s', (expression, expected) => {
    expect(evaluateArithmetic(expression)).toBeCloseTo(expected, 10);
  });

  it.each(['', '2 +', '(1 + 2', '1 / 0', 'process.exit()', '2 ** 3', '1e309', 'Math.max(1, 2)'])(
    'refuses %j',
    (expression) => {
      expect(() => evaluateArithmetic(expression)).toThrow(ArithmeticError);
    },
  );
});
