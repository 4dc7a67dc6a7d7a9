import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage, ToolMessage } from '@langchain/core/messages';
import { createAgent } from 'langchain';
import type { Engine, TokenUsage, ToolCallRecord } from '../domain/message.js';
import type { ProductCard } from '../domain/outbound.js';
import type { Logger } from '../logger.js';
import type { createTools, TurnContext } from '../tools/index.js';
import { turnContextSchema } from '../tools/index.js';
import { cardsOf, type ToolOutcome } from '../tools/results.js';
import type { ChatModels } from './models.js';

export interface TurnResult {
  text: string;
  cards: ProductCard[];
  /** `error` is the tool's failure code when it answered `{ error, suggestion }`. */
  toolCalls: ToolCallRecord[];
  usage: TokenUsage;
  engine: Engine;
  /** Why the offline model answered instead of the LLM. */
  fallbackReason?: string;
  /** A tool proposed a change that waits for the customer's yes in the next turn. */
  awaitingConfirmation: boolean;
}

const MAX_CARDS = 4;

function buildAgent(model: BaseChatModel, tools: ReturnType<typeof createTools>) {
  return createAgent({ model, tools, contextSchema: turnContextSchema });
}

/** What a run produced, from the messages it appended to the prompt. */
function collect(
  messages: BaseMessage[],
  promptLength: number,
  engine: TurnResult['engine'],
): TurnResult {
  const added = messages.slice(promptLength);
  const cards = new Map<string, ProductCard>();
  const toolCalls: ToolCallRecord[] = [];
  const callsById = new Map<string, ToolCallRecord>();
  const usage = { inputTokens: 0, outputTokens: 0 };
  let text = '';
  let awaitingConfirmation = false;
  for (const message of added) {
    if (message instanceof AIMessage) {
      for (const call of message.tool_calls ?? []) {
        const entry = { name: call.name, args: call.args };
        toolCalls.push(entry);
        if (call.id) callsById.set(call.id, entry);
      }
      usage.inputTokens += message.usage_metadata?.input_tokens ?? 0;
      usage.outputTokens += message.usage_metadata?.output_tokens ?? 0;
      if (typeof message.content === 'string' && message.content.trim()) text = message.content;
    }
    if (message instanceof ToolMessage && message.artifact) {
      // Every tool of ours answers with its outcome as the artifact (tools/define-tool.ts).
      const outcome: ToolOutcome = message.artifact;
      if (outcome.ok && 'confirmationRequired' in outcome.result) awaitingConfirmation = true;
      for (const card of cardsOf(outcome)) cards.set(card.productId, card);
      const call = callsById.get(message.tool_call_id);
      if (call && !outcome.ok) call.error = outcome.result.error;
    }
  }
  return {
    text,
    cards: [...cards.values()].slice(0, MAX_CARDS),
    toolCalls,
    usage,
    engine,
    awaitingConfirmation,
  };
}

/**
 * Runs one turn: the configured model first, within the time limit; on any failure the
 * offline model answers from the same prompt, so the customer always gets a reply.
 */
export class ConciergeAgent {
  private readonly primary;
  private readonly offline;
  private readonly hasLlm: boolean;

  constructor(
    models: ChatModels,
    tools: ReturnType<typeof createTools>,
    private readonly timeoutMs: number,
    private readonly logger: Logger,
  ) {
    this.hasLlm = models.primary !== models.offline;
    this.primary = buildAgent(models.primary, tools);
    this.offline = this.hasLlm ? buildAgent(models.offline, tools) : this.primary;
  }

  /**
   * `onText` receives the answer as it streams from the LLM (the text so far); the offline
   * model answers at once, so it is not called then.
   */
  async run(
    prompt: BaseMessage[],
    context: TurnContext,
    onText?: (textSoFar: string) => void,
  ): Promise<TurnResult> {
    if (!this.hasLlm) return this.runOffline(prompt, context);
    try {
      const stream = await this.primary.stream(
        { messages: prompt },
        {
          context,
          signal: AbortSignal.timeout(this.timeoutMs),
          streamMode: ['messages', 'values'],
        },
      );
      let messages: BaseMessage[] = prompt;
      let draft = '';
      for await (const [mode, payload] of stream) {
        if (mode === 'values') {
          messages = payload.messages;
        } else if (mode === 'messages' && onText) {
          // Tool results and tool-call chunks stream too; only the model's words are shown.
          const [chunk] = payload;
          if (
            AIMessageChunk.isInstance(chunk) &&
            typeof chunk.content === 'string' &&
            chunk.content &&
            !chunk.tool_call_chunks?.length
          ) {
            draft += chunk.content;
            onText(draft);
          }
        }
      }
      const result = collect(messages, prompt.length, 'llm');
      if (result.text) return result;
      throw new Error('the model gave no answer');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(
        { reason, conversationId: context.conversationId },
        'LLM failed; the offline model answers',
      );
      return { ...(await this.runOffline(prompt, context)), fallbackReason: reason };
    }
  }

  private async runOffline(prompt: BaseMessage[], context: TurnContext): Promise<TurnResult> {
    const state = await this.offline.invoke({ messages: prompt }, { context });
    return collect(state.messages, prompt.length, 'offline');
  }
}
