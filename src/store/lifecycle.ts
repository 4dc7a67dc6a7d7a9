import type { Db, Filter } from 'mongodb';
import { gapKey } from '../domain/article.js';
import { detectLanguage } from '../language/detect.js';
import type {
  Counts,
  CustomerExport,
  DataLifecycle,
  RetentionCutoffs,
} from '../ports/lifecycle.js';
import { attemptsSpec } from './repositories/attempt-counters.js';
import { auditLogSpec } from './repositories/audit-log.js';
import { broadcastsSpec } from './repositories/broadcasts.js';
import { claimsSpec } from './repositories/claims.js';
import { conversationsSpec } from './repositories/conversations.js';
import { customerProfilesSpec } from './repositories/customer-profiles.js';
import { customersSpec } from './repositories/customers.js';
import { deliveryAddressesSpec } from './repositories/delivery-addresses.js';
import { escalationsSpec } from './repositories/escalations.js';
import { inboundEventsSpec } from './repositories/inbound-events.js';
import { outcomesSpec, surveysSpec } from './repositories/insights.js';
import { knowledgeGapsSpec } from './repositories/knowledge-gaps.js';
import { type LeasesRepository, leaseHeadsSpec, leasesSpec } from './repositories/leases.js';
import { messagesSpec } from './repositories/messages.js';
import { ordersSpec } from './repositories/orders.js';
import { outboxSpec } from './repositories/outbox.js';
import { platformIdentitiesSpec } from './repositories/platform-identities.js';
import { rateCountersSpec } from './repositories/rate-counters.js';
import { recommendationEventsSpec } from './repositories/recommendation-events.js';
import { staffSessionsSpec } from './repositories/staff-sessions.js';
import { stockAlertsSpec } from './repositories/stock-alerts.js';

/** Any stored document: ids are strings in some collections, ObjectIds in others. */
type Doc = { _id: string; [field: string]: unknown };

/** What erased text reads as. */
export const ERASED = '[erased]';
/** The most documents of one kind a pass deletes, so a first run on old data is bounded. */
const PRUNE_BATCH = 10_000;

/**
 * The retention job's deletes and a customer's export and erasure, over the collections
 * directly: plain finds and deletes (no TTL indexes, no aggregation pipelines in updates), so
 * they work on FerretDB, mongo-java-server and MongoDB alike.
 */
export class StoreLifecycle implements DataLifecycle {
  constructor(
    private readonly db: Db,
    private readonly leases: LeasesRepository,
  ) {}

  async prune(cutoffs: RetentionCutoffs): Promise<Counts> {
    const { operational, leases, broadcasts, expired, transcripts } = cutoffs;
    const counts: Counts = {
      [inboundEventsSpec.name]: await this.deleteSome(inboundEventsSpec.name, {
        processedAt: { $ne: null, $lt: operational },
      }),
      [outboxSpec.name]: await this.deleteSome(outboxSpec.name, {
        status: { $in: ['sent', 'failed'] },
        createdAt: { $lt: operational },
      }),
      [claimsSpec.name]: await this.deleteSome(claimsSpec.name, { at: { $lt: operational } }),
      [attemptsSpec.name]: await this.deleteSome(attemptsSpec.name, { at: { $lt: operational } }),
      [leasesSpec.name]: await this.leases.prune(leases, PRUNE_BATCH),
      [broadcastsSpec.name]: await this.deleteSome(broadcastsSpec.name, {
        at: { $lt: broadcasts },
      }),
      [staffSessionsSpec.name]: await this.deleteSome(staffSessionsSpec.name, {
        expiresAt: { $lt: expired },
      }),
      [rateCountersSpec.name]: await this.deleteSome(rateCountersSpec.name, {
        expiresAt: { $lt: expired },
      }),
      // A notice sent is done with; a waiting alert stays until its product is back.
      [stockAlertsSpec.name]: await this.deleteSome(stockAlertsSpec.name, {
        status: 'sent',
        sentAt: { $lt: operational },
      }),
    };
    if (transcripts) {
      counts[messagesSpec.name] = await this.deleteSome(messagesSpec.name, {
        createdAt: { $lt: transcripts },
      });
      // Their memory (`recent`, the summary) is the transcript too: a conversation silent
      // since the cutoff goes, with what only it needed.
      const silent = await this.ids(conversationsSpec.name, { updatedAt: { $lt: transcripts } });
      counts[conversationsSpec.name] = await this.deleteConversations(silent);
      counts[escalationsSpec.name] = await this.deleteSome(escalationsSpec.name, {
        status: 'closed',
        createdAt: { $lt: transcripts },
      });
      counts[knowledgeGapsSpec.name] = await this.deleteSome(knowledgeGapsSpec.name, {
        lastAt: { $lt: transcripts },
      });
      // A rating's comment is what the customer wrote: it goes with the transcripts.
      counts[surveysSpec.name] = await this.deleteSome(surveysSpec.name, {
        askedAt: { $lt: transcripts },
      });
    }
    return counts;
  }

  async findCustomer(idOrEmail: string): Promise<string | null> {
    const found = await this.db
      .collection<Doc>(customersSpec.name)
      .findOne(
        { $or: [{ customerId: idOrEmail }, { email: idOrEmail.trim().toLowerCase() }] },
        { projection: { customerId: 1 } },
      );
    return found ? String(found.customerId) : null;
  }

  async exportCustomer(customerId: string, at: Date): Promise<CustomerExport | null> {
    const customer = await this.db.collection<Doc>(customersSpec.name).findOne({ customerId });
    if (!customer) return null;
    const scope = await this.scopeOf(customerId);
    const find = (name: string, filter: Filter<Doc>) =>
      this.db
        .collection<Doc>(name)
        .find(filter, { projection: { _id: 0 } })
        .toArray();
    const byConversation = { conversationId: { $in: scope.conversationIds } };
    return {
      exportedAt: at.toISOString(),
      customerId,
      records: {
        [customersSpec.name]: [withoutId(customer)],
        [ordersSpec.name]: await find(ordersSpec.name, { customerId }),
        [customerProfilesSpec.name]: await find(customerProfilesSpec.name, { customerId }),
        [platformIdentitiesSpec.name]: await find(platformIdentitiesSpec.name, { customerId }),
        [conversationsSpec.name]: await find(conversationsSpec.name, byConversation),
        [messagesSpec.name]: await find(messagesSpec.name, byConversation),
        [escalationsSpec.name]: await find(escalationsSpec.name, {
          $or: [byConversation, { customerId }],
        }),
        [recommendationEventsSpec.name]: await find(recommendationEventsSpec.name, { customerId }),
        [auditLogSpec.name]: await find(auditLogSpec.name, byConversation),
        [surveysSpec.name]: await find(surveysSpec.name, byConversation),
        [outcomesSpec.name]: await find(outcomesSpec.name, byConversation),
        [stockAlertsSpec.name]: await find(stockAlertsSpec.name, {
          $or: [byConversation, { customerId }],
        }),
      },
    };
  }

  async eraseCustomer(customerId: string, at: Date): Promise<Counts | null> {
    const customers = this.db.collection<Doc>(customersSpec.name);
    const customer = await customers.findOne({ customerId });
    if (!customer) return null;
    const { conversationIds, conversationKeys } = await this.scopeOf(customerId);
    const byConversation = { conversationId: { $in: conversationIds } };
    const texts = await this.db
      .collection(messagesSpec.name)
      .find({ ...byConversation, role: 'customer' }, { projection: { text: 1 } })
      .toArray();
    const counts: Counts = {};
    const update = async (name: string, filter: Filter<Doc>, change: Record<string, unknown>) => {
      counts[name] =
        (counts[name] ?? 0) +
        (await this.db.collection<Doc>(name).updateMany(filter, change)).modifiedCount;
    };
    const remove = async (name: string, filter: Filter<Doc>) => {
      counts[name] =
        (counts[name] ?? 0) + (await this.db.collection<Doc>(name).deleteMany(filter)).deletedCount;
    };
    await update(messagesSpec.name, byConversation, {
      $set: { text: ERASED },
      $unset: { 'data.cards': '', 'data.quickReplies': '', 'data.toolCalls': '' },
    });
    await update(conversationsSpec.name, byConversation, {
      $set: {
        recent: [],
        summary: '',
        pendingAction: null,
        lastRecommendations: null,
        lastOutOfStock: null,
        customerId: null,
        platformUserId: ERASED,
        erasedAt: at,
      },
    });
    await update(inboundEventsSpec.name, byConversation, { $set: { text: ERASED } });
    await update(outboxSpec.name, byConversation, { $set: { text: ERASED }, $unset: { data: '' } });
    await update(
      escalationsSpec.name,
      { $or: [byConversation, { customerId }] },
      { $set: { summary: ERASED, reason: ERASED, customerId: null } },
    );
    await update(auditLogSpec.name, byConversation, { $set: { details: { erased: true } } });
    await remove(broadcastsSpec.name, {
      $or: [
        { 'payload.conversationId': { $in: conversationIds } },
        { 'payload.sessionId': { $in: conversationKeys } },
      ],
    });
    await remove(deliveryAddressesSpec.name, { _id: { $in: conversationKeys } });
    await remove(customerProfilesSpec.name, { customerId });
    await remove(platformIdentitiesSpec.name, { customerId });
    await remove(recommendationEventsSpec.name, { customerId });
    await remove(stockAlertsSpec.name, { $or: [byConversation, { customerId }] });
    // The rating stays in the counts; what they wrote with it goes.
    await update(
      surveysSpec.name,
      { ...byConversation, comment: { $ne: null } },
      {
        $set: { comment: ERASED },
      },
    );
    // Questions nobody could answer are kept without who asked: theirs go by their text.
    const gapIds = texts.map((m) => {
      const text = String(m.text);
      return gapKey(text, detectLanguage(text));
    });
    await remove(knowledgeGapsSpec.name, { _id: { $in: gapIds } });
    // The retailer's records keep the orders; who they went to does not stay with them.
    await update(
      ordersSpec.name,
      { customerId },
      {
        $set: {
          'shippingAddress.line1': ERASED,
          'shippingAddress.line2': null,
          'shippingAddress.city': ERASED,
          'shippingAddress.postalCode': ERASED,
        },
      },
    );
    await update(
      customersSpec.name,
      { customerId },
      {
        $set: {
          name: ERASED,
          email: `erased-${customerId}@invalid`,
          phone: null,
          address: null,
          interests: [],
          erasedAt: at,
        },
      },
    );
    return counts;
  }

  /** The customer's conversations: verified as them, or of the platform users linked to them. */
  private async scopeOf(
    customerId: string,
  ): Promise<{ conversationIds: string[]; conversationKeys: string[] }> {
    const identities = await this.db
      .collection(platformIdentitiesSpec.name)
      .find({ customerId })
      .toArray();
    const conversations = await this.db
      .collection(conversationsSpec.name)
      .find(
        {
          $or: [
            { customerId },
            ...identities.map((i) => ({ channel: i.channel, platformUserId: i.platformUserId })),
          ],
        },
        { projection: { conversationId: 1, channel: 1, conversationKey: 1 } },
      )
      .toArray();
    return {
      conversationIds: conversations.map((c) => String(c.conversationId)),
      // Delivery addresses are keyed `channel:key`; a web chat's live events by its key.
      conversationKeys: conversations.flatMap((c) => [
        String(c.conversationKey),
        `${String(c.channel)}:${String(c.conversationKey)}`,
      ]),
    };
  }

  private async deleteConversations(conversationIds: string[]): Promise<number> {
    if (conversationIds.length === 0) return 0;
    const byConversation = { conversationId: { $in: conversationIds } };
    await this.db.collection<Doc>(inboundEventsSpec.name).deleteMany(byConversation);
    await this.db.collection<Doc>(leasesSpec.name).deleteMany(byConversation);
    await this.db
      .collection<Doc>(leaseHeadsSpec.name)
      .deleteMany({ _id: { $in: conversationIds } });
    return (await this.db.collection<Doc>(conversationsSpec.name).deleteMany(byConversation))
      .deletedCount;
  }

  private async ids(name: string, filter: Filter<Doc>): Promise<string[]> {
    const docs = await this.db
      .collection<Doc>(name)
      .find(filter, { projection: { conversationId: 1 } })
      .limit(PRUNE_BATCH)
      .toArray();
    return docs.map((d) => String(d.conversationId));
  }

  /** Deletes up to a batch of matching documents; how many went. */
  private async deleteSome(name: string, filter: Filter<Doc>): Promise<number> {
    const collection = this.db.collection<Doc>(name);
    const found = await collection
      .find(filter, { projection: { _id: 1 } })
      .limit(PRUNE_BATCH)
      .toArray();
    if (found.length === 0) return 0;
    return (await collection.deleteMany({ _id: { $in: found.map((d) => d._id) } })).deletedCount;
  }
}

function withoutId({ _id, ...rest }: Doc): Record<string, unknown> {
  return rest;
}
