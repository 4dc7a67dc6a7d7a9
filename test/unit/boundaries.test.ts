import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');
const SDK_HOME: Record<string, readonly string[]> = {
  '@slack/': ['adapters/slack/'],
  'discord.js': ['adapters/discord/'],
  '@discordjs/': ['adapters/discord/'],
  botbuilder: ['adapters/teams/'],
  'botframework-': ['adapters/teams/'],
  mongodb: ['store/'],
  '@shopify/': ['commerce/shopify/'],
  langchain: ['agent/', 'tools/'],
  '@langchain/': ['agent/', 'tools/'],
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

/** Every import of every file under src/: the file (relative to src/) and what it names. */
function imports(): { path: string; specifier: string; target: string | null }[] {
  return sourceFiles(SRC).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/(?:from|import\() ?'([^']+)'/g)].map(
      ([, specifier = '']) => ({
        path: relative(SRC, file),
        specifier,
        target: specifier.startsWith('.') ? relative(SRC, resolve(dirname(file), specifier)) : null,
      }),
    ),
  );
}

describe('boundaries', () => {
  it('imports each SDK (platforms, the MongoDB driver, LangChain) only inside its own folders', () => {
    const misplaced = imports()
      .filter(({ path, specifier }) =>
        Object.entries(SDK_HOME).some(
          ([sdk, homes]) =>
            (specifier === sdk || specifier.startsWith(sdk.endsWith('/') ? sdk : `${sdk}/`)) &&
            !homes.some((home) => path.startsWith(home)),
        ),
      )
      .map(({ path, specifier }) => `${path}: ${specifier}`);
    expect(misplaced).toEqual([]);
  });

  it('keeps the tools on ports: no file under src/tools imports src/store', () => {
    const leaks = imports()
      .filter(({ path, target }) => path.startsWith('tools/') && target?.startsWith('store/'))
      .map(({ path, specifier }) => `${path}: ${specifier}`);
    expect(leaks).toEqual([]);
  });

  it('keeps the domain on its own: src/domain imports only itself and src/language', () => {
    const leaks = imports()
      .filter(
        ({ path, target }) =>
          path.startsWith('domain/') &&
          target !== null &&
          !target.startsWith('domain/') &&
          !target.startsWith('language/'),
      )
      .map(({ path, specifier }) => `${path}: ${specifier}`);
    expect(leaks).toEqual([]);
  });

  it('keeps what the conversation uses below it: nothing under agent, tools, domain, ports or store imports src/conversation', () => {
    const below = ['agent/', 'tools/', 'domain/', 'ports/', 'store/', 'commerce/', 'language/'];
    const upward = imports()
      .filter(
        ({ path, target }) =>
          below.some((folder) => path.startsWith(folder)) && target?.startsWith('conversation/'),
      )
      .map(({ path, specifier }) => `${path}: ${specifier}`);
    expect(upward).toEqual([]);
  });
});
