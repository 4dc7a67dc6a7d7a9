import type { ProductCard, QuickReply } from './outbound.js';

export type MessageRole = 'customer' | 'bot' | 'staff' | 'tool' | 'note';

/** A tool the agent called in a turn; `error` is its failure code when it failed. */
export interface ToolCallRecord {
  name: string;
  args: Record<string, unknown>;
  error?: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export type Engine = 'llm' | 'offline';

/** What the bot's reply carries besides its text: what it shows, and how it was made. */
export interface BotReplyData {
  cards: ProductCard[];
  quickReplies: QuickReply[];
  toolCalls: ToolCallRecord[];
  /** Absent on a notice the bot posts outside a turn (e.g. "nobody is free yet"). */
  engine?: Engine;
  usage?: TokenUsage;
  /** Who posted a notice outside a turn. */
  author?: string;
  /** The events a reply answers when a burst of messages became one turn (the last is its own). */
  answers?: string[];
  /** The lease epoch and worker that stored the reply: the fence it was written under. */
  lease?: { epoch: number; worker: string };
}

/** A staff reply or internal note: who wrote it. */
export interface StaffData {
  author: string;
}

interface MessageBase {
  conversationId: string;
  text: string;
  createdAt: Date;
  /** The inbound event this message came from (or answers), when it came from a platform. */
  eventKey: string | null;
}

/** One line of a transcript. Appended, never rewritten. `note` is staff-only. */
export type Message =
  | (MessageBase & { role: 'customer' | 'tool'; data?: undefined })
  | (MessageBase & { role: 'bot'; data?: BotReplyData })
  | (MessageBase & { role: 'staff' | 'note'; data: StaffData });
