import type { Message } from '../store/repositories/messages.js';
import type { Store } from '../store/store.js';
import { estimateTokens } from './prompt.js';

export interface MemoryOptions {
  /** Token budget for the recent messages in a prompt. */
  windowTokens: number;
  /** Most messages read per turn, whatever their size. */
  maxMessages: number;
  /** Longest rolling summary, in characters; its oldest lines go first. */
  summaryChars: number;
}

export const DEFAULT_MEMORY: MemoryOptions = {
  windowTokens: 1200,
  maxMessages: 24,
  summaryChars: 1200,
};

/** Folds messages that leave the window into a short summary. */
export type Summarizer = (previous: string, leaving: Message[]) => Promise<string>;

/** The offline summary: one clipped line per message, newest kept when it grows too long. */
export function extractiveSummarizer(maxChars: number): Summarizer {
  return async (previous, leaving) => {
    const lines = [
      ...previous.split('\n').filter(Boolean),
      ...leaving
        .filter((m) => m.role !== 'note' && m.role !== 'tool')
        .map((m) => `${m.role}: ${m.text.replace(/\s+/g, ' ').slice(0, 100)}`),
    ];
    while (lines.join('\n').length > maxChars && lines.length > 1) lines.shift();
    return lines.join('\n');
  };
}

/**
 * The conversation's memory for one turn: the messages since the summary point, trimmed to
 * the token budget; what falls out is folded into the summary, so each turn reads and writes
 * about the same amount however long the conversation gets.
 */
export async function loadMemory(
  store: Store,
  conversationId: string,
  options: MemoryOptions,
  summarize: Summarizer,
  /** The message this turn answers: later ones (already stored) belong to later turns. */
  throughEventKey?: string,
): Promise<{ summary: string; recent: Message[] }> {
  const conversation = await store.conversations.findById(conversationId);
  if (!conversation) throw new Error(`conversation ${conversationId} is missing`);
  const unsummarized = await store.messages.since(
    conversationId,
    conversation.summarizedThrough,
    options.maxMessages * 2,
  );
  const mine = unsummarized.findIndex(
    (m) => m.role === 'customer' && m.eventKey === throughEventKey,
  );
  const upToMine = mine >= 0 ? unsummarized.slice(0, mine + 1) : unsummarized;
  const visible = upToMine.filter((m) => m.role !== 'note');
  // The newest message (this turn's) always stays; older ones while the budget allows.
  let keep = Math.max(visible.length - 1, 0);
  const newest = visible[keep];
  let tokens = newest ? estimateTokens(newest.text) : 0;
  while (keep > 0) {
    const cost = estimateTokens((visible[keep - 1] as Message).text);
    if (tokens + cost > options.windowTokens || visible.length - keep >= options.maxMessages) break;
    tokens += cost;
    keep--;
  }
  const leaving = visible.slice(0, keep);
  const recent = visible.slice(keep);
  let summary = conversation.summary;
  const last = leaving[leaving.length - 1];
  if (last) {
    summary = await summarize(summary, leaving);
    await store.conversations.setSummary(conversationId, summary, last.createdAt);
  }
  return { summary, recent };
}
