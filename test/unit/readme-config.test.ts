import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.js';

/** The variables the README's configuration table names (a row may name several). */
function documentedVariables(): string[] {
  const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)])
    .map(([, name = '']) => name);
}

describe("the README's configuration table", () => {
  it('lists every variable the service reads, and none it does not', () => {
    expect([...new Set(documentedVariables())].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });
});
