import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ChatOpenAI } from '@langchain/openai';
import type { Config } from '../config.js';
import { OfflineChatModel } from './offline/offline-chat-model.js';

export interface ChatModels {
  /** The model that answers first. */
  primary: BaseChatModel;
  /** Answers when the primary fails or times out; the same object when there is no LLM. */
  offline: OfflineChatModel;
  /** For logs: "gpt-4o-mini at https://..." or "offline model". */
  description: string;
}

/** ChatOpenAI when an API key is configured, the offline model otherwise. */
export function createChatModels(
  config: Pick<Config, 'llm' | 'llmTimeoutMs' | 'llmMaxRetries'>,
): ChatModels {
  const offline = new OfflineChatModel({});
  if (!config.llm)
    return { primary: offline, offline, description: 'offline model (no OPENAI_API_KEY)' };
  const primary = new ChatOpenAI({
    model: config.llm.model,
    apiKey: config.llm.apiKey,
    configuration: config.llm.baseUrl ? { baseURL: config.llm.baseUrl } : {},
    timeout: config.llmTimeoutMs,
    maxRetries: config.llmMaxRetries,
    // Not `streaming: true`: that makes every plain invoke estimate tokens with tiktoken,
    // which downloads its tables from the internet. The agent streams through stream() instead,
    // which sends `stream: true` requests and reads the usage the server reports.
    streamUsage: true,
  });
  return {
    primary,
    offline,
    description: `${config.llm.model} at ${config.llm.baseUrl ?? 'api.openai.com'}`,
  };
}
