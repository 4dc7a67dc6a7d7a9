import { describe, expect, it } from 'vitest';
import { toSlackMrkdwn, toTeamsMarkdown } from '../../../src/adapters/shared/markdown.js';

describe('toSlackMrkdwn', () => {
  it('turns bold, italic, strike, links, headings and bullets into mrkdwn', () => {
    expect(toSlackMrkdwn('**Order NW-1** is *on its way*')).toBe('*Order NW-1* is _on its way_');
    expect(toSlackMrkdwn('~~old~~ [track it](https://t.example/x?a=1)')).toBe(
      '~old~ <https://t.example/x?a=1|track it>',
    );
    expect(toSlackMrkdwn('## Your orders\n- NW-1\n* NW-2')).toBe('*Your orders*\n• NW-1\n• NW-2');
  });

  it('escapes the characters Slack treats as markup, but not inside code', () => {
    expect(toSlackMrkdwn('Tom & Jerry <b> `a<b && c`')).toBe(
      'Tom &amp; Jerry &lt;b&gt; `a<b && c`',
    );
  });
});

describe('toTeamsMarkdown', () => {
  it('turns headings into bold and keeps single line breaks', () => {
    expect(toTeamsMarkdown('# Orders\nNW-1 shipped\nNW-2 pending')).toBe(
      '**Orders**\n\nNW-1 shipped\n\nNW-2 pending',
    );
  });

  it('leaves lists and paragraphs as they are', () => {
    expect(toTeamsMarkdown('Items:\n\n- a\n- b\n\nDone.')).toBe('Items:\n\n- a\n- b\n\nDone.');
  });
});
