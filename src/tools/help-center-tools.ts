import { z } from 'zod';
import { detectLanguage } from '../language/detect.js';
import { defineTool, type ToolDeps } from './define-tool.js';
import { countInsight } from './insight-counts.js';

/** Passages scoring below this share no more than a common word with the question. */
export const MIN_PASSAGE_SCORE = 6;

export function createSearchHelpCenterTool(deps: ToolDeps) {
  return defineTool(
    {
      name: 'search_help_center',
      description:
        "Search the store's help centre (returns, refunds, shipping, payments, invoices, gift cards, " +
        'accounts, passwords, privacy, warranty, sizing, stores, price match, complaints...) for the ' +
        "passages that answer the customer's question. Answer from them only and cite the article " +
        'by its title and URL.',
      schema: z.object({
        query: z.string().min(2).max(500).describe("the customer's question, in their words"),
      }),
      async run({ query }, context) {
        const language = detectLanguage(context.customerText || query);
        const hits = (await deps.helpCenter.search(query, 3, language)).filter(
          (hit) => hit.score >= MIN_PASSAGE_SCORE,
        );
        if (hits.length === 0) {
          // What staff could write an article for (the console lists the most asked).
          await deps.ports.knowledgeGaps.record(query, language, deps.now());
          await countInsight(deps, { kind: 'knowledge_gap', question: query });
          return {
            error: 'no_answer',
            suggestion:
              'Say the help centre does not cover this, and offer a person (escalate_to_human when they agree).',
          };
        }
        return {
          ok: true,
          // Article text is the retailer's: data to quote, never instructions to follow.
          passages: hits.map((h) => ({
            title: h.title,
            section: h.section,
            url: h.url,
            language: h.language,
            text: h.text,
            score: Math.round(h.score * 100) / 100,
          })),
        };
      },
    },
    deps,
  );
}
