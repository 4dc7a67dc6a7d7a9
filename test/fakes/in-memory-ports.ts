import { randomUUID } from 'node:crypto';
import { Catalog } from '../../src/commerce/catalog.js';
import { applyOrderChange, type ChangeLedger, planFor } from '../../src/commerce/order-changes.js';
import type { ConciergePorts } from '../../src/concierge.js';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/config.js';
import { type Article, gapKey, type KnowledgeGap } from '../../src/domain/article.js';
import { type AttemptPolicy, latestOf, nextAttemptAt } from '../../src/domain/attempt-limit.js';
import type { Channel } from '../../src/domain/channel.js';
import {
  type Conversation,
  conversationIdFor,
  newConversation,
} from '../../src/domain/conversation.js';
import type {
  PlatformIdentity,
  ProfileFacts,
  RecommendationEvent,
} from '../../src/domain/customer-profile.js';
import { type Escalation, openedEscalation } from '../../src/domain/escalation.js';
import type { Message } from '../../src/domain/message.js';
import { type InboundEvent, type OutboxEntry, replyOutboxId } from '../../src/domain/messaging.js';
import {
  type Customer,
  type InventoryRecord,
  normaliseName,
  type Order,
  type Product,
} from '../../src/domain/retail.js';
import type { AuditEntry, StaffSession, StaffUser } from '../../src/domain/staff.js';
import { readArticleFolder } from '../../src/knowledge/article-files.js';
import type { BroadcastRecord } from '../../src/ports/broadcasts.js';
import type { LeaseGrant } from '../../src/ports/leases.js';
import { inMemoryInsightPorts } from './in-memory-insights.js';

function copy<T>(value: T): T {
  return structuredClone(value);
}

export interface ShopData {
  /** The help centre's articles; the demo shop's when not given. */
  articles?: Article[];
  customers?: Customer[];
  orders?: Order[];
  products?: Product[];
  inventory?: InventoryRecord[];
}

/**
 * Every port of `src/ports/` in memory, for unit tests that run the real pipeline, tools and
 * handoff without a database. Values are copied in and out, as a database would.
 */
export function inMemoryPorts(shop: ShopData = {}): ConciergePorts {
  const customers = new Map((shop.customers ?? []).map((c) => [c.customerId, copy(c)]));
  const orders = new Map((shop.orders ?? []).map((o) => [o.orderNumber, copy(o)]));
  const products = shop.products ?? [];
  let articles = shop.articles ?? readArticleFolder(DEFAULT_KNOWLEDGE_DIR, new Date(0)).articles;
  const inventory = shop.inventory ?? [];
  const conversations = new Map<string, Conversation>();
  const messages: Message[] = [];
  const messagesById = new Map<string, Message>();
  const leases = new Map<string, LeaseGrant>();
  const broadcasts: BroadcastRecord[] = [];
  const recommendationEvents: RecommendationEvent[] = [];
  const rateCounts = new Map<string, number>();
  const inbox = new Map<string, InboundEvent>();
  const outbox = new Map<string, OutboxEntry>();
  const claims = new Set<string>();
  const identities = new Map<string, PlatformIdentity>();
  const profiles = new Map<string, ProfileFacts>();
  const escalations = new Map<string, Escalation>();
  const staffUsers = new Map<string, StaffUser>();
  const sessions = new Map<string, StaffSession>();
  const audit: AuditEntry[] = [];
  const addresses = new Map<string, Record<string, unknown>>();
  const attempts = new Map<string, Date[]>();
  const gaps = new Map<string, KnowledgeGap>();

  /** Kept orders' products, as the recommender reads them. */
  const purchases = (which: (order: Order) => boolean) =>
    [...orders.values()]
      .filter((o) => o.status !== 'cancelled' && which(o))
      .map((o) => ({
        customerId: o.customerId,
        productIds: o.items.map((i) => i.productId),
        placedAt: o.placedAt,
      }));
  const waitOf = (keys: readonly { key: string; policy: AttemptPolicy }[], at: Date) =>
    latestOf(keys.map(({ key, policy }) => nextAttemptAt(attempts.get(key) ?? [], policy, at)));
  const claim = async (key: string) => {
    if (claims.has(key)) return false;
    claims.add(key);
    return true;
  };
  const update = (conversationId: string, change: Partial<Conversation>) => {
    const current = conversations.get(conversationId);
    if (current) conversations.set(conversationId, { ...current, ...copy(change) });
  };
  const ofConversation = (conversationId: string) =>
    messages.filter((m) => m.conversationId === conversationId);

  const catalog = new Catalog({
    listProducts: async () => copy(products),
    stockOf: async (productId) => copy(inventory.filter((r) => r.productId === productId)),
    stockTotals: async () => {
      const totals = new Map<string, number>();
      for (const r of inventory)
        totals.set(r.productId, (totals.get(r.productId) ?? 0) + r.quantity);
      return totals;
    },
  });
  /** The same single-record writes as the MongoDB shop's, over the maps. */
  const ledger: ChangeLedger = {
    order: async (customerId, orderNumber) => {
      const order = orders.get(orderNumber);
      return order?.customerId === customerId ? copy(order) : null;
    },
    customer: async (id) => copy(customers.get(id) ?? null),
    catalog,
    async moveGiftCard(customerId, methodId, deltaCents, at) {
      const customer = customers.get(customerId);
      const card = customer?.paymentMethods[methodId];
      if (!customer || card?.kind !== 'gift_card' || card.balanceCents + deltaCents < 0)
        return false;
      card.balanceCents += deltaCents;
      customer.changedInConciergeAt = at;
      return true;
    },
    async writeOrder(order, from, set, seen) {
      const stored = orders.get(order.orderNumber);
      if (!stored || !from.includes(stored.status) || stored.updatedAt.getTime() !== seen.getTime())
        return false;
      orders.set(order.orderNumber, { ...stored, ...copy(set) });
      return true;
    },
  };

  return {
    articles: {
      published: async () => copy(articles.filter((a) => a.status === 'published')),
      async replaceImported(given) {
        const key = (a: Article) => `${a.articleId}/${a.language}`;
        const before = new Map(
          articles.filter((a) => a.source === 'import').map((a) => [key(a), a]),
        );
        const counts = { inserted: 0, updated: 0, unchanged: 0, removed: 0 };
        for (const a of given) {
          const old = before.get(key(a));
          if (!old) counts.inserted++;
          else if (old.title === a.title && old.body === a.body && old.url === a.url)
            counts.unchanged++;
          else counts.updated++;
          before.delete(key(a));
        }
        counts.removed = before.size;
        articles = [...articles.filter((a) => a.source !== 'import'), ...copy(given)];
        return counts;
      },
      async saveDraft(article) {
        articles = [
          ...articles.filter(
            (a) => a.articleId !== article.articleId || a.language !== article.language,
          ),
          { ...copy(article), status: 'draft' },
        ];
      },
      drafts: async () => copy(articles.filter((a) => a.status === 'draft')),
      async publish(articleId, language, at) {
        const draft = articles.find(
          (a) => a.articleId === articleId && a.language === language && a.status === 'draft',
        );
        if (!draft) return false;
        draft.status = 'published';
        draft.updatedAt = at;
        return true;
      },
    },
    knowledgeGaps: {
      async record(question, language, at) {
        const key = gapKey(question, language);
        const gap = gaps.get(key);
        gaps.set(
          key,
          gap
            ? { ...gap, question, count: gap.count + 1, lastAt: at }
            : { question, language, count: 1, firstAt: at, lastAt: at },
        );
      },
      top: async (limit) =>
        copy([...gaps.values()].sort((a, b) => b.count - a.count).slice(0, limit)),
      async resolve(question, language) {
        gaps.delete(gapKey(question, language));
      },
    },
    commerce: {
      catalog,
      customer: async (id) => copy(customers.get(id) ?? null),
      customerByEmail: async (email) =>
        copy([...customers.values()].find((c) => c.email === email.trim().toLowerCase()) ?? null),
      customersByIds: async (ids) =>
        copy([...customers.values()].filter((c) => ids.includes(c.customerId))),
      searchCustomers: async (text, limit) =>
        copy(
          [...customers.values()]
            .filter((c) => `${c.name} ${c.email}`.toLowerCase().includes(text.toLowerCase()))
            .slice(0, limit),
        ),
      ordersOf: async (customerId, limit) =>
        copy(
          [...orders.values()]
            .filter((o) => o.customerId === customerId)
            .sort((a, b) => b.placedAt.getTime() - a.placedAt.getTime())
            .slice(0, limit),
        ),
      orderOf: async (customerId, orderNumber) => {
        const order = orders.get(orderNumber);
        return order?.customerId === customerId ? copy(order) : null;
      },
      ownerOfOrder: async (orderNumber) => orders.get(orderNumber)?.customerId ?? null,
      customerByNameAndPostalCode: async (name, postalCode) =>
        copy(
          [...customers.values()].find(
            (c) =>
              normaliseName(c.name) === normaliseName(name) &&
              c.address?.postalCode === postalCode.trim(),
          ) ?? null,
        ),
      previewChange: (customerId, orderNumber, change, at) =>
        planFor(ledger, customerId, orderNumber, copy(change), at),
      changeOrder: (customerId, orderNumber, change, at) =>
        applyOrderChange(ledger, customerId, orderNumber, copy(change), at),
      async setProductDescription(productId, description) {
        const product = products.find((p) => p.productId === productId);
        if (!product) return { ok: false, refused: 'not_found', detail: 'no such product' };
        product.description = description;
        catalog.invalidate();
        return { ok: true };
      },
      async changeDefaultAddress(customerId, address, at) {
        const customer = customers.get(customerId);
        if (!customer) return null;
        customers.set(customerId, {
          ...customer,
          address: copy(address),
          changedInConciergeAt: at,
        });
        return copy(customers.get(customerId) ?? null);
      },
      listProducts: async () => copy(products),
      listPurchases: async (after) => purchases((o) => !after || o.placedAt > after),
      purchasesOf: async (customerId) => purchases((o) => o.customerId === customerId),
      unitsBySku: async () => {
        const units = new Map<string, number>();
        for (const r of inventory) units.set(r.sku, (units.get(r.sku) ?? 0) + r.quantity);
        return units;
      },
    },
    conversations: {
      async open(opening) {
        const created = newConversation(opening);
        const existing = conversations.get(created.conversationId);
        if (existing) return copy(existing);
        conversations.set(created.conversationId, created);
        return copy(created);
      },
      findById: async (id) => copy(conversations.get(id) ?? null),
      findByKey: async (channel, key) =>
        copy(conversations.get(conversationIdFor(channel, key)) ?? null),
      async changeMode(id, from, to, at) {
        const current = conversations.get(id);
        if (!current) return { changed: false, reason: 'not_found', mode: null };
        if (!from.includes(current.mode))
          return { changed: false, reason: 'not_in_mode', mode: current.mode };
        if (!(await claim(`conversation:${id}:v${current.version}`)))
          return { changed: false, reason: 'lost_race', mode: current.mode };
        const changed = { ...current, mode: to, version: current.version + 1, updatedAt: at };
        conversations.set(id, changed);
        return { changed: true, conversation: copy(changed) };
      },
      modeChangedSince: async (id, version) => claims.has(`conversation:${id}:v${version}`),
      recentlyUpdated: async (limit, filter = {}) =>
        copy(
          [...conversations.values()]
            .filter(
              (c) =>
                (!filter.mode || c.mode === filter.mode) &&
                (!filter.channel || c.channel === filter.channel) &&
                (!filter.customerIds || filter.customerIds.includes(c.customerId ?? '')),
            )
            .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
            .slice(0, limit),
        ),
      startedSince: async (from) =>
        [...conversations.values()]
          .filter((c) => c.createdAt >= from)
          .map(({ conversationId, createdAt }) => ({ conversationId, createdAt })),
      setCustomer: async (id, customerId, at) => update(id, { customerId, updatedAt: at }),
      async setCustomerOfPlatformUser(channel, platformUserId, customerId, at) {
        for (const c of conversations.values())
          if (c.channel === channel && c.platformUserId === platformUserId && !c.customerId)
            update(c.conversationId, { customerId, updatedAt: at });
      },
      setPendingAction: async (id, pendingAction) => update(id, { pendingAction }),
      markAnswered: async (id, answeredAt, answerOpen) => update(id, { answeredAt, answerOpen }),
      settle: async (id, settledEpisode) => update(id, { answeredAt: null, settledEpisode }),
      reopen: async (id) => update(id, { episode: (conversations.get(id)?.episode ?? 0) + 1 }),
      setSurveyStep: async (id, survey) => update(id, { survey }),
      setLastOutOfStock: async (id, lastOutOfStock) => update(id, { lastOutOfStock }),
      answeredBefore: async (before, limit) =>
        copy(
          [...conversations.values()]
            .filter((c) => c.answeredAt && c.answeredAt < before)
            .sort((a, b) => (a.answeredAt?.getTime() ?? 0) - (b.answeredAt?.getTime() ?? 0))
            .slice(0, limit),
        ),
      setLastRecommendations: async (id, lastRecommendations) =>
        update(id, { lastRecommendations }),
      async appendRecent(id, added, max, options = {}) {
        const current = conversations.get(id);
        const last = added.at(-1);
        if (!current || !last) return;
        const through = options.fold?.through ?? current.summarizedThrough;
        update(id, {
          recent: [...(current.recent ?? []), ...added]
            .filter((m) => !through || m.createdAt > through)
            .slice(-max),
          updatedAt: last.createdAt,
          ...(options.fold
            ? { summary: options.fold.summary, summarizedThrough: options.fold.through }
            : {}),
          ...(options.answered
            ? { answeredAt: options.answered.at, answerOpen: options.answered.open }
            : {}),
        });
      },
    },
    messages: {
      async append(message, id) {
        if (id && messagesById.has(id)) return 'duplicate';
        const stored = copy(message);
        messages.push(stored);
        if (id) messagesById.set(id, stored);
        return 'stored';
      },
      since: async (id, after, limit) =>
        copy(
          ofConversation(id)
            .filter((m) => !after || m.createdAt > after)
            .slice(-limit),
        ),
      recent: async (id, limit) => copy(ofConversation(id).slice(-limit)),
      replyTo: async (eventKey) => copy(messagesById.get(replyOutboxId(eventKey)) ?? null),
      forMetrics: async (from, limit) =>
        copy(messages.filter((m) => m.createdAt >= from).slice(0, limit)),
    },
    inbox: {
      async record(event) {
        if (inbox.has(event.eventKey)) return 'duplicate';
        inbox.set(event.eventKey, {
          ...copy(event),
          conversationId: conversationIdFor(event.channel, event.conversationKey),
          processedAt: null,
        });
        return 'stored';
      },
      async markProcessed(eventKey, at) {
        const event = inbox.get(eventKey);
        if (event) event.processedAt = at;
      },
      unprocessed: async (limit) =>
        copy([...inbox.values()].filter((e) => !e.processedAt).slice(0, limit)),
      pendingOf: async (conversationId, limit) =>
        copy(
          [...inbox.values()]
            .filter((e) => !e.processedAt && e.conversationId === conversationId)
            .slice(0, limit),
        ),
    },
    broadcasts: {
      append: async (records) =>
        void broadcasts.push(...records.map((r) => ({ ...copy(r), id: randomUUID() }))),
      since: async (after, limit) => copy(broadcasts.filter((r) => r.at > after).slice(0, limit)),
      async prune(before) {
        const kept = broadcasts.filter((r) => r.at >= before);
        const removed = broadcasts.length - kept.length;
        broadcasts.splice(0, broadcasts.length, ...kept);
        return removed;
      },
    },
    ...inMemoryInsightPorts(),
    rateCounters: {
      async hit(key, windowStart) {
        const id = `${key}|${windowStart.getTime()}`;
        const count = (rateCounts.get(id) ?? 0) + 1;
        rateCounts.set(id, count);
        return count;
      },
    },
    leases: {
      async acquire(conversationId, worker, at, ttlMs) {
        const held = leases.get(conversationId);
        if (held && held.expiresAt > at && held.worker !== worker) return null;
        const grant = {
          conversationId,
          worker,
          epoch: (held?.epoch ?? 0) + 1,
          expiresAt: new Date(at.getTime() + ttlMs),
        };
        leases.set(conversationId, grant);
        return copy(grant);
      },
      async advance(grant, at, ttlMs) {
        if (leases.get(grant.conversationId)?.epoch !== grant.epoch) return null;
        const next = {
          ...grant,
          epoch: grant.epoch + 1,
          expiresAt: new Date(at.getTime() + ttlMs),
        };
        leases.set(grant.conversationId, next);
        return copy(next);
      },
      async renew(grant, at, ttlMs) {
        const held = leases.get(grant.conversationId);
        if (held?.epoch !== grant.epoch) return false;
        held.expiresAt = new Date(at.getTime() + ttlMs);
        return true;
      },
      current: async (grant) => leases.get(grant.conversationId)?.epoch === grant.epoch,
      async release(grant, at) {
        const held = leases.get(grant.conversationId);
        if (held?.epoch === grant.epoch) held.expiresAt = at;
      },
    },
    outbox: {
      async enqueueOnce(outboxId, entry, at) {
        if (outbox.has(outboxId)) return null;
        const stored: OutboxEntry = {
          ...copy(entry),
          outboxId,
          status: 'sending',
          attempts: 1,
          nextAttemptAt: new Date(at.getTime() + 60_000),
          createdAt: at,
          sentAt: null,
          lastError: null,
        };
        outbox.set(outboxId, stored);
        return copy(stored);
      },
      async claimDue(now) {
        for (const entry of outbox.values()) {
          const due =
            (entry.status === 'pending' || entry.status === 'sending') &&
            entry.nextAttemptAt <= now;
          if (!due || !(await claim(`outbox:${entry.outboxId}:attempt${entry.attempts + 1}`)))
            continue;
          entry.status = 'sending';
          entry.attempts += 1;
          entry.nextAttemptAt = new Date(now.getTime() + 60_000);
          return copy(entry);
        }
        return null;
      },
      async takeOver(outboxId, now) {
        const entry = outbox.get(outboxId);
        if (entry?.status !== 'pending' && entry?.status !== 'sending') return null;
        if (!(await claim(`outbox:${outboxId}:attempt${entry.attempts + 1}`))) return null;
        entry.status = 'sending';
        entry.attempts += 1;
        entry.nextAttemptAt = new Date(now.getTime() + 60_000);
        return copy(entry);
      },
      async markSent(outboxId, at) {
        const entry = outbox.get(outboxId);
        if (entry) Object.assign(entry, { status: 'sent', sentAt: at });
      },
      async markAttemptFailed(outboxId, error, retryAt) {
        const entry = outbox.get(outboxId);
        if (!entry) return;
        Object.assign(
          entry,
          retryAt
            ? { status: 'pending', nextAttemptAt: retryAt, lastError: error }
            : { status: 'failed', lastError: error },
        );
      },
      findById: async (outboxId) => copy(outbox.get(outboxId) ?? null),
    },
    claims: { claim, exists: async (key) => claims.has(key) },
    platformIdentities: {
      link: async (identity) =>
        void identities.set(`${identity.channel}:${identity.platformUserId}`, copy(identity)),
      customerIdFor: async (channel: Channel, userId: string) =>
        identities.get(`${channel}:${userId}`)?.customerId ?? null,
    },
    profiles: {
      facts: async (customerId) => copy(profiles.get(customerId) ?? {}),
      async remember(customerId, facts) {
        const merged = { ...profiles.get(customerId) };
        for (const [key, value] of Object.entries(facts))
          if (value !== undefined) Object.assign(merged, { [key]: value });
        profiles.set(customerId, merged);
        return copy(merged);
      },
    },
    recommendationEvents: {
      async record(event) {
        recommendationEvents.push(copy(event));
      },
      list: async (since) => copy(recommendationEvents.filter((e) => e.at >= since)),
    },
    escalations: {
      async open(request, at) {
        const escalation = openedEscalation(copy(request), randomUUID(), at);
        escalations.set(escalation.escalationId, escalation);
        return copy(escalation);
      },
      listOpen: async (limit = 100) =>
        copy([...escalations.values()].filter((e) => e.status === 'open').slice(0, limit)),
      findById: async (id) => copy(escalations.get(id) ?? null),
      latestOf: async (conversationId) =>
        copy(
          [...escalations.values()]
            .filter((e) => e.conversationId === conversationId)
            .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ?? null,
        ),
      findActive: async (conversationId) =>
        copy(
          [...escalations.values()].find(
            (e) => e.conversationId === conversationId && e.status !== 'closed',
          ) ?? null,
        ),
      async close(id, at) {
        const e = escalations.get(id);
        if (e) Object.assign(e, { status: 'closed', closedAt: at });
      },
      async take(id, staffUser, at) {
        const e = escalations.get(id);
        if (e?.status !== 'open' || !(await claim(`escalation:${id}:taken`))) return false;
        Object.assign(e, { status: 'taken', takenBy: staffUser, takenAt: at });
        return true;
      },
      async setStaffThread(id, channel, ts) {
        const e = escalations.get(id);
        if (e) e.staffThread = { channel, ts };
      },
      findByStaffThread: async (channel, ts) =>
        copy(
          [...escalations.values()].find(
            (e) => e.staffThread?.channel === channel && e.staffThread.ts === ts,
          ) ?? null,
        ),
      openedSince: async (from) =>
        copy([...escalations.values()].filter((e) => e.createdAt >= from)),
      listUnattended: async (before, limit = 100) =>
        copy(
          [...escalations.values()]
            .filter((e) => e.status === 'open' && e.createdAt <= before)
            .slice(0, limit),
        ),
      claimUnattendedNotice: (id) => claim(`escalation:${id}:unattended`),
    },
    staffUsers: {
      async create(user) {
        if (staffUsers.has(user.username)) return false;
        staffUsers.set(user.username, copy(user));
        return true;
      },
      findByUsername: async (username) => copy(staffUsers.get(username) ?? null),
      findBySlackUser: async (slackUserId) =>
        copy([...staffUsers.values()].find((u) => u.slackUserId === slackUserId) ?? null),
    },
    staffSessions: {
      create: async (token, session) => void sessions.set(token, copy(session)),
      async find(token, now) {
        const session = sessions.get(token);
        return session && session.expiresAt > now ? copy(session) : null;
      },
      delete: async (token) => void sessions.delete(token),
    },
    auditLog: {
      append: async (entry) => void audit.push(copy(entry)),
      recent: async (limit = 100) => copy(audit.slice(-limit).reverse()),
    },
    deliveryAddresses: {
      save: async (channel, key, address) => void addresses.set(`${channel}:${key}`, copy(address)),
      find: async (channel, key) => copy(addresses.get(`${channel}:${key}`) ?? null),
    },
    attempts: {
      waitUntil: async (keys, at) => waitOf(keys, at),
      async take(keys, at) {
        const retryAt = waitOf(keys, at);
        if (retryAt) return { allowed: false, retryAt };
        for (const { key } of keys) attempts.set(key, [...(attempts.get(key) ?? []), at]);
        return { allowed: true };
      },
    },
  };
}
