/**
 * The agent writes common Markdown. These turn it into each platform's dialect; Discord reads
 * common Markdown as it is.
 */

const BOLD = /\*\*(.+?)\*\*|__(.+?)__/g;
const ITALIC = /(^|[^*\w])\*(?!\s)([^*\n]+?)\*(?!\w)/g;
const LINK = /\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g;
const HEADING = /^#{1,6}\s+(.+?)\s*#*$/gm;
const BULLET = /^(\s*)[-*+]\s+/gm;
const STRIKE = /~~(.+?)~~/g;
const CODE = /(```[\s\S]*?```|`[^`\n]+`)/;

/** Slack's mrkdwn: *bold*, _italic_, <url|text>, and &, <, > escaped outside links. */
export function toSlackMrkdwn(markdown: string): string {
  return markdown
    .split(CODE)
    .map((part, index) => (index % 2 === 1 ? part : slackText(part)))
    .join('');
}

function slackText(text: string): string {
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  // Bold is marked with a character Markdown never uses so the italic pass cannot take it.
  return escaped
    .replace(HEADING, '\u0000$1\u0000')
    .replace(BOLD, (_m, a: string | undefined, b: string | undefined) => `\u0000${a ?? b}\u0000`)
    .replace(ITALIC, '$1_$2_')
    .replace(STRIKE, '~$1~')
    .replace(LINK, (_m, label: string, url: string) => `<${url.replaceAll('|', '%7C')}|${label}>`)
    .replace(BULLET, '$1• ')
    .replaceAll('\u0000', '*');
}

/** Teams renders most Markdown but not headings, and joins lines not separated by a blank one. */
export function toTeamsMarkdown(markdown: string): string {
  return markdown
    .split(CODE)
    .map((part, index) =>
      index % 2 === 1
        ? part
        : part.replace(HEADING, '**$1**').replace(/(?<!\n)\n(?!\n)(?!\s*[-*+]\s)/g, '\n\n'),
    )
    .join('');
}
