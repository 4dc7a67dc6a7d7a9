import type { Collection, ObjectId } from 'mongodb';
import type { Message } from '../../domain/message.js';
import { replyOutboxId } from '../../domain/messaging.js';
import type { MessageForMetrics, Transcript } from '../../ports/conversation-store.js';
import type { CollectionSpec } from '../collection-spec.js';
import { insertOnce } from './duplicate-key.js';

export const messagesSpec: CollectionSpec = {
  name: 'messages',
  indexes: [
    { key: { conversationId: 1, createdAt: -1 }, name: 'conversation_recent' },
    { key: { createdAt: 1 }, name: 'created' },
  ],
};

export class MessagesRepository implements Transcript {
  constructor(private readonly collection: Collection<Message & { _id?: ObjectId | string }>) {}

  async append(message: Message, messageId?: string): Promise<'stored' | 'duplicate'> {
    if (messageId) return insertOnce(this.collection, { ...message, _id: messageId });
    await this.collection.insertOne({ ...message });
    return 'stored';
  }

  /** The latest `limit` messages created after `after` (any time when null), oldest first. */
  async since(conversationId: string, after: Date | null, limit: number): Promise<Message[]> {
    const newestFirst = await this.collection
      .find(after ? { conversationId, createdAt: { $gt: after } } : { conversationId }, {
        projection: { _id: 0 },
      })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return newestFirst.reverse();
  }

  replyTo(eventKey: string): Promise<Message | null> {
    return this.collection.findOne({ _id: replyOutboxId(eventKey) }, { projection: { _id: 0 } });
  }

  /** Messages since `from`, oldest first, without their text: what the metrics count. */
  forMetrics(from: Date, limit: number): Promise<MessageForMetrics[]> {
    return this.collection
      .find(
        { createdAt: { $gte: from } },
        {
          projection: {
            _id: 0,
            conversationId: 1,
            role: 1,
            createdAt: 1,
            eventKey: 1,
            'data.engine': 1,
            'data.usage': 1,
            'data.toolCalls': 1,
          },
        },
      )
      .sort({ createdAt: 1 })
      .limit(limit)
      .toArray();
  }

  /** The latest `limit` messages, oldest first (the order a prompt or a transcript wants). */
  async recent(conversationId: string, limit: number): Promise<Message[]> {
    const newestFirst = await this.collection
      .find({ conversationId }, { projection: { _id: 0 } })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit)
      .toArray();
    return newestFirst.reverse();
  }
}
