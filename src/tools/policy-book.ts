import { readFileSync } from 'node:fs';

/** The store's policies, one section per `## Heading` of a markdown file. */
export class PolicyBook {
  private constructor(private readonly sections: Map<string, string>) {}

  static fromFile(path: string): PolicyBook {
    return PolicyBook.fromMarkdown(readFileSync(path, 'utf8'));
  }

  static fromMarkdown(markdown: string): PolicyBook {
    const sections = new Map<string, string>();
    for (const block of markdown.split(/^## /m).slice(1)) {
      const [heading = '', ...body] = block.split('\n');
      sections.set(heading.trim().toLowerCase(), body.join('\n').trim());
    }
    return new PolicyBook(sections);
  }

  topics(): string[] {
    return [...this.sections.keys()];
  }

  /** The section whose heading contains `topic` (e.g. "return" finds "Returns"). */
  lookUp(topic: string): { topic: string; text: string } | null {
    const wanted = topic.trim().toLowerCase();
    for (const [heading, text] of this.sections) {
      if (heading.includes(wanted) || wanted.includes(heading.replace(/s$/, '')))
        return { topic: heading, text };
    }
    return null;
  }
}
