/**
 * Evaluates arithmetic on decimal numbers (+ - * / and parentheses, unary minus), with no
 * names and no functions: what a price calculation needs and nothing a model could misuse.
 * Throws `ArithmeticError` for anything else.
 */
export class ArithmeticError extends Error {}

const MAX_LENGTH = 500;

export function evaluateArithmetic(expression: string): number {
  if (expression.length > MAX_LENGTH)
    throw new ArithmeticError(`longer than ${MAX_LENGTH} characters`);
  const tokens = expression.match(/\d+(?:\.\d+)?|\.\d+|[-+*/()]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = () => tokens[at++];

  const primary = (): number => {
    const token = take();
    if (token === undefined) throw new ArithmeticError('the expression ends too early');
    if (token === '-') return -primary();
    if (token === '+') return primary();
    if (token === '(') {
      const value = sum();
      if (take() !== ')') throw new ArithmeticError('a "(" is not closed');
      return value;
    }
    if (/^(?:\d|\.\d)/.test(token)) return Number(token);
    throw new ArithmeticError(`"${token}" is not a number or an operator`);
  };
  const product = (): number => {
    let value = primary();
    for (let op = peek(); op === '*' || op === '/'; op = peek()) {
      take();
      const right = primary();
      if (op === '/' && right === 0) throw new ArithmeticError('division by zero');
      value = op === '*' ? value * right : value / right;
    }
    return value;
  };
  const sum = (): number => {
    let value = product();
    for (let op = peek(); op === '+' || op === '-'; op = peek()) {
      take();
      const right = product();
      value = op === '+' ? value + right : value - right;
    }
    return value;
  };

  if (tokens.length === 0) throw new ArithmeticError('the expression is empty');
  const value = sum();
  if (at < tokens.length) throw new ArithmeticError(`unexpected "${tokens[at]}"`);
  if (!Number.isFinite(value)) throw new ArithmeticError('the result is not a finite number');
  return value;
}
