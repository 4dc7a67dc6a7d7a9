import { z } from 'zod';
import { KeyedQueue } from '../../background/keyed-queue.js';
import type { Logger } from '../../logger.js';
import type {
  ShopifySyncRepository,
  ShopifyWebhooksRepository,
  StoredWebhook,
  SyncState,
} from '../../store/repositories/shopify-webhooks.js';
import type { ShopifyAdminApi } from './admin-api.js';
import {
  CUSTOMER_BY_ID,
  CUSTOMERS_MATCHING,
  ORDER_BY_ID,
  ORDERS_MATCHING,
  PRODUCT_BY_ID,
  PRODUCT_OF_INVENTORY_ITEM,
  PRODUCTS_MATCHING,
} from './documents.js';
import type { ShopifyMirror } from './mirror.js';
import { customerNode, orderNode, pageInfo, productNode, toCustomer, toOrder } from './records.js';

/** A page's size: a page's cost grows with it, and 25 orders stay well inside the budget. */
const PAGE = 25;
/** Reconciliation looks back this much further than its last pass, for clocks that differ. */
const OVERLAP_MS = 5 * 60_000;
const UNPROCESSED_BATCH = 200;
/** Records whose last read is remembered, for webhooks that arrive in a burst. */
const READS_REMEMBERED = 10_000;

const RESOURCES: readonly SyncState['resource'][] = ['products', 'customers', 'orders'];

const pages = {
  products: {
    document: PRODUCTS_MATCHING,
    shape: z.object({ products: z.object({ nodes: z.array(productNode), pageInfo }) }),
  },
  customers: {
    document: CUSTOMERS_MATCHING,
    shape: z.object({ customers: z.object({ nodes: z.array(customerNode), pageInfo }) }),
  },
  orders: {
    document: ORDERS_MATCHING,
    shape: z.object({ orders: z.object({ nodes: z.array(orderNode), pageInfo }) }),
  },
} as const;

/** Told when a record changed in Shopify, so cached answers about it are dropped. */
export interface ChangeListener {
  forgetCustomer(customerId: string): void;
  forgetProduct(productId: string): void;
}

/**
 * Keeps the local mirror in step with Shopify: a first copy of every product, customer and
 * order (page by page, resumable: the cursor is stored after each page), then webhooks as they
 * come, then a periodic pass over recently updated records that heals any missed webhook.
 */
export class ShopifySync {
  private readonly perRecord = new KeyedQueue();
  /** Webhooks being applied now, which the retry pass leaves to the apply under way. */
  private readonly applying = new Set<string>();
  /** When each recently applied record was last read from Shopify. */
  private readonly readAt = new Map<string, Date>();

  constructor(
    private readonly api: ShopifyAdminApi,
    private readonly mirror: ShopifyMirror,
    private readonly state: ShopifySyncRepository,
    private readonly webhooks: ShopifyWebhooksRepository,
    private readonly listener: ChangeListener,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
    private readonly pageSize = PAGE,
  ) {}

  /** Copies what the first copy has not copied yet; returns the records copied now. */
  async backfill(): Promise<number> {
    let copied = 0;
    for (const resource of RESOURCES) {
      let state = (await this.state.find(resource)) ?? {
        resource,
        cursor: null,
        copied: 0,
        startedAt: this.now(),
        finishedAt: null,
        reconciledFrom: this.now(),
      };
      if (state.finishedAt) continue;
      if (state.copied > 0)
        this.logger.info({ resource, copied: state.copied }, 'Shopify backfill: resuming');
      for (;;) {
        const { nodes, pageInfo } = await this.page(resource, null, state.cursor);
        copied += nodes;
        state = { ...state, copied: state.copied + nodes, cursor: pageInfo.endCursor };
        if (!pageInfo.hasNextPage) state = { ...state, cursor: null, finishedAt: this.now() };
        await this.state.save(state);
        this.logger.info({ resource, copied: state.copied }, 'Shopify backfill: copied so far');
        if (state.finishedAt) break;
      }
    }
    return copied;
  }

  /** Copies records updated since the last pass: what a lost webhook did not bring. */
  async reconcile(): Promise<number> {
    let copied = 0;
    for (const resource of RESOURCES) {
      const state = await this.state.find(resource);
      if (!state?.finishedAt) continue;
      const startedAt = this.now();
      const since = new Date(state.reconciledFrom.getTime() - OVERLAP_MS);
      const query = `updated_at:>=${JSON.stringify(since.toISOString())}`;
      let cursor: string | null = null;
      for (;;) {
        const { nodes, pageInfo } = await this.page(resource, query, cursor);
        copied += nodes;
        if (!pageInfo.hasNextPage) break;
        cursor = pageInfo.endCursor;
      }
      await this.state.save({ ...state, reconciledFrom: startedAt });
    }
    if (copied > 0) this.logger.info({ copied }, 'Shopify reconciliation copied updated records');
    return copied;
  }

  /**
   * Applies a stored webhook: the record it names is read again and mirrored. Webhooks about
   * one record queue behind each other; a read that started after a webhook arrived already
   * shows what it announced, so that webhook costs no read of its own.
   */
  apply(webhook: StoredWebhook): Promise<void> {
    this.applying.add(webhook.webhookId);
    return this.perRecord
      .run(webhook.resource, async () => {
        const readAt = this.readAt.get(webhook.resource);
        if (!readAt || readAt < webhook.receivedAt) {
          const startedAt = this.now();
          await this.refresh(webhook.resource);
          this.remember(webhook.resource, startedAt);
        }
        await this.webhooks.markProcessed(webhook.webhookId, this.now());
      })
      .finally(() => this.applying.delete(webhook.webhookId));
  }

  private remember(resource: string, readAt: Date): void {
    this.readAt.delete(resource);
    this.readAt.set(resource, readAt);
    if (this.readAt.size > READS_REMEMBERED) {
      const oldest = this.readAt.keys().next().value;
      if (oldest !== undefined) this.readAt.delete(oldest);
    }
  }

  /** Applies webhooks kept but not applied (a crash, Shopify away when they came). */
  async applyUnprocessed(): Promise<number> {
    const waiting = (await this.webhooks.unprocessed(UNPROCESSED_BATCH)).filter(
      (w) => !this.applying.has(w.webhookId),
    );
    for (const webhook of waiting) await this.apply(webhook);
    return waiting.length;
  }

  drain(): Promise<void> {
    return this.perRecord.drain();
  }

  private async refresh(resource: string): Promise<void> {
    const kind = resource.split('/')[3];
    switch (kind) {
      case 'Order': {
        const { order } = await this.api.request(
          ORDER_BY_ID,
          { id: resource },
          z.object({ order: orderNode.nullable() }),
        );
        const mapped = order && toOrder(order);
        if (!mapped) return;
        await this.mirror.saveOrders([mapped]);
        this.listener.forgetCustomer(mapped.customerId);
        return;
      }
      case 'Customer': {
        const { customer } = await this.api.request(
          CUSTOMER_BY_ID,
          { id: resource },
          z.object({ customer: customerNode.nullable() }),
        );
        if (!customer) return;
        await this.mirror.saveCustomers([toCustomer(customer)]);
        this.listener.forgetCustomer(customer.id);
        return;
      }
      case 'Product': {
        const { product } = await this.api.request(
          PRODUCT_BY_ID,
          { id: resource },
          z.object({ product: productNode.nullable() }),
        );
        if (!product) return;
        await this.mirror.saveProducts([product]);
        this.listener.forgetProduct(product.id);
        return;
      }
      case 'InventoryItem': {
        const { inventoryItem } = await this.api.request(
          PRODUCT_OF_INVENTORY_ITEM,
          { id: resource },
          z.object({
            inventoryItem: z
              .object({ variant: z.object({ product: productNode }).nullable() })
              .nullable(),
          }),
        );
        const product = inventoryItem?.variant?.product;
        if (!product) return;
        await this.mirror.saveProducts([product]);
        this.listener.forgetProduct(product.id);
        return;
      }
      default:
        this.logger.warn({ resource }, 'a Shopify webhook about a record Concierge does not keep');
    }
  }

  private async page(
    resource: SyncState['resource'],
    query: string | null,
    after: string | null,
  ): Promise<{ nodes: number; pageInfo: z.infer<typeof pageInfo> }> {
    const variables = { query: query ?? '', first: this.pageSize, after };
    switch (resource) {
      case 'products': {
        const { products } = await this.api.request(
          pages.products.document,
          { ...variables, query },
          pages.products.shape,
        );
        await this.mirror.saveProducts(products.nodes);
        return { nodes: products.nodes.length, pageInfo: products.pageInfo };
      }
      case 'customers': {
        const { customers } = await this.api.request(
          pages.customers.document,
          variables,
          pages.customers.shape,
        );
        await this.mirror.saveCustomers(customers.nodes.map(toCustomer));
        return { nodes: customers.nodes.length, pageInfo: customers.pageInfo };
      }
      case 'orders': {
        const { orders } = await this.api.request(
          pages.orders.document,
          variables,
          pages.orders.shape,
        );
        await this.mirror.saveOrders(orders.nodes.flatMap((o) => toOrder(o) ?? []));
        return { nodes: orders.nodes.length, pageInfo: orders.pageInfo };
      }
    }
  }
}
