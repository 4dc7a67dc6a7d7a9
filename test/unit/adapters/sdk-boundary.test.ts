import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../../src');
const SDK_HOME: Record<string, string> = {
  '@slack/': 'adapters/slack/',
  'discord.js': 'adapters/discord/',
  '@discordjs/': 'adapters/discord/',
  botbuilder: 'adapters/teams/',
  'botframework-': 'adapters/teams/',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('platform SDK boundary', () => {
  it('imports each platform SDK only inside its own adapter folder', () => {
    const misplaced: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const path = relative(SRC, file);
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        for (const [sdk, home] of Object.entries(SDK_HOME)) {
          if (specifier?.startsWith(sdk) && !path.startsWith(home))
            misplaced.push(`${path}: ${specifier}`);
        }
      }
    }
    expect(misplaced).toEqual([]);
  });
});
