import type { Db } from 'mongodb';
import type { Ports } from '../ports/index.js';
import type { CollectionSpec } from './collection-spec.js';
import { MongoCommerce } from './commerce.js';
import { StoreLifecycle } from './lifecycle.js';
import { ArticlesRepository, articlesSpec } from './repositories/articles.js';
import { AttemptCountersRepository, attemptsSpec } from './repositories/attempt-counters.js';
import { AuditLogRepository, auditLogSpec } from './repositories/audit-log.js';
import { BroadcastsRepository, broadcastsSpec } from './repositories/broadcasts.js';
import { ClaimsRepository, claimsSpec } from './repositories/claims.js';
import { ConversationsRepository, conversationsSpec } from './repositories/conversations.js';
import {
  CustomerProfilesRepository,
  customerProfilesSpec,
} from './repositories/customer-profiles.js';
import { CustomersRepository, customersSpec } from './repositories/customers.js';
import {
  DeliveryAddressesRepository,
  deliveryAddressesSpec,
} from './repositories/delivery-addresses.js';
import {
  DescriptionDraftsRepository,
  descriptionDraftsSpec,
} from './repositories/description-drafts.js';
import { EscalationsRepository, escalationsSpec } from './repositories/escalations.js';
import { InboundEventsRepository, inboundEventsSpec } from './repositories/inbound-events.js';
import {
  countedOnceSpec,
  dailyInsightsSpec,
  InsightCountersRepository,
  insightTermsSpec,
  OutcomesRepository,
  outcomesSpec,
  SurveysRepository,
  surveysSpec,
} from './repositories/insights.js';
import { InventoryRepository, inventorySpec } from './repositories/inventory.js';
import { KnowledgeGapsRepository, knowledgeGapsSpec } from './repositories/knowledge-gaps.js';
import { LeasesRepository, leaseHeadsSpec, leasesSpec } from './repositories/leases.js';
import { MessagesRepository, messagesSpec } from './repositories/messages.js';
import { OrdersRepository, ordersSpec } from './repositories/orders.js';
import { OutboxRepository, outboxSpec } from './repositories/outbox.js';
import {
  PlatformIdentitiesRepository,
  platformIdentitiesSpec,
} from './repositories/platform-identities.js';
import { ProductsRepository, productsSpec } from './repositories/products.js';
import { RateCountersRepository, rateCountersSpec } from './repositories/rate-counters.js';
import {
  RecommendationEventsRepository,
  recommendationEventsSpec,
} from './repositories/recommendation-events.js';
import {
  ShopifySyncRepository,
  ShopifyWebhooksRepository,
  shopifySyncSpec,
  shopifyWebhooksSpec,
} from './repositories/shopify-webhooks.js';
import { StaffSessionsRepository, staffSessionsSpec } from './repositories/staff-sessions.js';
import { StaffUsersRepository, staffUsersSpec } from './repositories/staff-users.js';
import { StockAlertsRepository, stockAlertsSpec } from './repositories/stock-alerts.js';

export const COLLECTION_SPECS: readonly CollectionSpec[] = [
  customersSpec,
  platformIdentitiesSpec,
  conversationsSpec,
  messagesSpec,
  inboundEventsSpec,
  outboxSpec,
  escalationsSpec,
  staffUsersSpec,
  auditLogSpec,
  productsSpec,
  inventorySpec,
  ordersSpec,
  claimsSpec,
  customerProfilesSpec,
  deliveryAddressesSpec,
  recommendationEventsSpec,
  staffSessionsSpec,
  attemptsSpec,
  articlesSpec,
  knowledgeGapsSpec,
  shopifyWebhooksSpec,
  shopifySyncSpec,
  leasesSpec,
  leaseHeadsSpec,
  broadcastsSpec,
  rateCountersSpec,
  dailyInsightsSpec,
  insightTermsSpec,
  countedOnceSpec,
  outcomesSpec,
  surveysSpec,
  stockAlertsSpec,
  descriptionDraftsSpec,
];

/**
 * The repositories over one database, and the ports they implement. Constructing it does no
 * I/O. `customers`, `orders`, `products` and `inventory` are the built-in shop's own (seed,
 * import); everything else reads the shop through `commerce`.
 */
export class Store implements Ports {
  readonly customers: CustomersRepository;
  readonly platformIdentities: PlatformIdentitiesRepository;
  readonly conversations: ConversationsRepository;
  readonly messages: MessagesRepository;
  readonly inbox: InboundEventsRepository;
  readonly outbox: OutboxRepository;
  readonly escalations: EscalationsRepository;
  readonly staffUsers: StaffUsersRepository;
  readonly auditLog: AuditLogRepository;
  readonly products: ProductsRepository;
  readonly inventory: InventoryRepository;
  readonly orders: OrdersRepository;
  readonly claims: ClaimsRepository;
  readonly profiles: CustomerProfilesRepository;
  readonly deliveryAddresses: DeliveryAddressesRepository;
  readonly recommendationEvents: RecommendationEventsRepository;
  readonly staffSessions: StaffSessionsRepository;
  readonly attempts: AttemptCountersRepository;
  readonly articles: ArticlesRepository;
  readonly knowledgeGaps: KnowledgeGapsRepository;
  readonly shopifyWebhooks: ShopifyWebhooksRepository;
  readonly shopifySync: ShopifySyncRepository;
  readonly commerce: MongoCommerce;
  readonly leases: LeasesRepository;
  readonly broadcasts: BroadcastsRepository;
  readonly rateCounters: RateCountersRepository;
  readonly insights: InsightCountersRepository;
  readonly outcomes: OutcomesRepository;
  readonly surveys: SurveysRepository;
  readonly stockAlerts: StockAlertsRepository;
  readonly descriptionDrafts: DescriptionDraftsRepository;
  /** Retention, and a customer's export and erasure. */
  readonly lifecycle: StoreLifecycle;

  constructor(readonly db: Db) {
    this.claims = new ClaimsRepository(db.collection(claimsSpec.name));
    this.profiles = new CustomerProfilesRepository(db.collection(customerProfilesSpec.name));
    this.customers = new CustomersRepository(db.collection(customersSpec.name));
    this.platformIdentities = new PlatformIdentitiesRepository(
      db.collection(platformIdentitiesSpec.name),
    );
    this.conversations = new ConversationsRepository(
      db.collection(conversationsSpec.name),
      this.claims,
    );
    this.messages = new MessagesRepository(db.collection(messagesSpec.name));
    this.inbox = new InboundEventsRepository(db.collection(inboundEventsSpec.name));
    this.outbox = new OutboxRepository(db.collection(outboxSpec.name), this.claims);
    this.escalations = new EscalationsRepository(db.collection(escalationsSpec.name), this.claims);
    this.staffUsers = new StaffUsersRepository(db.collection(staffUsersSpec.name));
    this.auditLog = new AuditLogRepository(db.collection(auditLogSpec.name));
    this.products = new ProductsRepository(db.collection(productsSpec.name));
    this.inventory = new InventoryRepository(db.collection(inventorySpec.name));
    this.orders = new OrdersRepository(db.collection(ordersSpec.name));
    this.deliveryAddresses = new DeliveryAddressesRepository(
      db.collection(deliveryAddressesSpec.name),
    );
    this.recommendationEvents = new RecommendationEventsRepository(
      db.collection(recommendationEventsSpec.name),
    );
    this.staffSessions = new StaffSessionsRepository(db.collection(staffSessionsSpec.name));
    this.attempts = new AttemptCountersRepository(db.collection(attemptsSpec.name));
    this.articles = new ArticlesRepository(db.collection(articlesSpec.name));
    this.knowledgeGaps = new KnowledgeGapsRepository(db.collection(knowledgeGapsSpec.name));
    this.shopifyWebhooks = new ShopifyWebhooksRepository(db.collection(shopifyWebhooksSpec.name));
    this.shopifySync = new ShopifySyncRepository(db.collection(shopifySyncSpec.name));
    this.leases = new LeasesRepository(
      db.collection(leasesSpec.name),
      db.collection(leaseHeadsSpec.name),
    );
    this.broadcasts = new BroadcastsRepository(db.collection(broadcastsSpec.name));
    this.rateCounters = new RateCountersRepository(db.collection(rateCountersSpec.name));
    this.insights = new InsightCountersRepository(
      db.collection(dailyInsightsSpec.name),
      db.collection(insightTermsSpec.name),
      db.collection(countedOnceSpec.name),
    );
    this.outcomes = new OutcomesRepository(db.collection(outcomesSpec.name));
    this.surveys = new SurveysRepository(db.collection(surveysSpec.name));
    this.stockAlerts = new StockAlertsRepository(db.collection(stockAlertsSpec.name));
    this.descriptionDrafts = new DescriptionDraftsRepository(
      db.collection(descriptionDraftsSpec.name),
    );
    this.lifecycle = new StoreLifecycle(db, this.leases);
    this.commerce = new MongoCommerce(this.customers, this.orders, this.products, this.inventory);
  }

  /** Creates every collection's indexes; safe to run again and from several processes. */
  async ensureIndexes(): Promise<void> {
    for (const spec of COLLECTION_SPECS) {
      // One index per command: FerretDB 1.24 drops the connection when a single createIndexes
      // names several indexes that already exist ("slice bounds out of range").
      for (const index of spec.indexes) {
        await this.db.collection(spec.name).createIndexes([index]);
      }
    }
    await this.inbox.adoptUnassigned();
  }
}
