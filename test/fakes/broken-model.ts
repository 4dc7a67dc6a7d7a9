import type { ChatResult } from '@langchain/core/outputs';
import { OfflineChatModel } from '../../src/agent/offline/offline-chat-model.js';

/** A model that always fails: for the path where even the offline model cannot answer. */
export class BrokenModel extends OfflineChatModel {
  override async _generate(): Promise<ChatResult> {
    throw new Error('model exploded');
  }
}
