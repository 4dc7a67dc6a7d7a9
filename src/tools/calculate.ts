import { z } from 'zod';
import { ArithmeticError, evaluateArithmetic } from './arithmetic.js';
import { defineTool, type ToolDeps } from './define-tool.js';

export function createCalculateTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'calculate',
      description:
        'Work out price arithmetic (refunds, differences, totals) instead of doing sums yourself: ' +
        'numbers with + - * / and parentheses, e.g. "(129.99 - 89.5) * 2". Answers to the cent.',
      schema: z.object({
        expression: z.string().max(500).describe('the arithmetic to evaluate'),
      }),
      async run({ expression }) {
        try {
          const exact = evaluateArithmetic(expression);
          return { ok: true, expression, result: Math.round(exact * 100) / 100 };
        } catch (error) {
          if (!(error instanceof ArithmeticError)) throw error;
          return {
            error: 'invalid_expression',
            reason: error.message,
            suggestion: 'Write it with numbers and + - * / ( ) only.',
          };
        }
      },
    },
    deps,
  );
}
