import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { OfflineChatModel } from '../../src/agent/offline/offline-chat-model.js';

/**
 * The offline model, held at a gate while a test acts "while the model is thinking"; it
 * records every prompt it is given.
 */
export class GatedModel extends OfflineChatModel {
  readonly prompts: BaseMessage[][] = [];
  private gate: Promise<void> = Promise.resolve();
  private onEnter: (() => void) | null = null;

  /** Holds the next calls until `release()`; `entered` settles when one reaches the gate. */
  hold(): { entered: Promise<void>; release: () => void } {
    let release = () => {};
    this.gate = new Promise((resolve) => {
      release = resolve;
    });
    const entered = new Promise<void>((resolve) => {
      this.onEnter = resolve;
    });
    return { entered, release };
  }

  override async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
  ): Promise<ChatResult> {
    this.prompts.push(messages);
    this.onEnter?.();
    await this.gate;
    return super._generate(messages, options);
  }
}
