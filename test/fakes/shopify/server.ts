import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type DocumentNode,
  execute,
  type GraphQLError,
  Kind,
  parse,
  validate,
  visit,
} from 'graphql';
import { createResolvers } from './resolvers.js';
import { ADMIN_SCHEMA } from './schema.js';
import { FakeShop } from './shop.js';

export interface FakeShopifyOptions {
  domain?: string;
  token?: string;
  /** Added to every API call, to make round trips count as they do against Shopify. */
  latencyMs?: number;
  /** The cost bucket: Shopify's standard plan holds 1,000 points and refills 100 a second. */
  bucket?: { max: number; restorePerSecond: number };
  /** Where webhooks go, signed with the secret; none are sent without it. */
  webhooks?: { url: string; secret: string; maxAttempts?: number; retryDelayMs?: number };
}

export interface Delivery {
  webhookId: string;
  topic: string;
  body: string;
  statuses: number[];
}

/**
 * Shopify's Admin GraphQL API on 127.0.0.1, as the client speaks to it: POST
 * `/admin/api/VERSION/graphql.json` with `X-Shopify-Access-Token`, queries checked against
 * the schema, `userErrors` for refused changes, the cost extension on every answer, the
 * `THROTTLED` error when the bucket runs dry, HTTP 429 with `Retry-After` when told to, and
 * signed webhook deliveries retried until answered 200 (a bounded number of times).
 */
export class FakeShopify {
  readonly shop: FakeShop;
  readonly deliveries: Delivery[] = [];
  /** API calls answered, and the operations they named (tests count round trips). */
  readonly calls: { operation: string; status: number; throttled?: boolean }[] = [];
  url = '';
  private server: Server | null = null;
  private available: number;
  private refilledAt = Date.now();
  private forced429 = 0;
  private failingFrom: number | null = null;
  private retryAfterSeconds = 1;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly resolvers: ReturnType<typeof createResolvers>;

  constructor(private readonly options: FakeShopifyOptions = {}) {
    this.shop = new FakeShop(options.domain ?? 'concierge-test.myshopify.com');
    this.resolvers = createResolvers(this.shop);
    this.available = this.bucket.max;
    this.shop.emit = (topic, payload) => {
      if (this.options.webhooks) void this.deliver(topic, payload);
    };
  }

  get domain(): string {
    return this.shop.domain;
  }

  get token(): string {
    return this.options.token ?? 'shpat_test_token';
  }

  private get bucket() {
    return this.options.bucket ?? { max: 1000, restorePerSecond: 100 };
  }

  setLatency(ms: number): void {
    this.options.latencyMs = ms;
  }

  /** The next `count` API calls are answered HTTP 429 with `Retry-After`. */
  rateLimitNext(count: number, retryAfterSeconds = 1): void {
    this.forced429 = count;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** After `calls` more API calls, every call is answered HTTP 500 until this is called again. */
  failAfter(calls: number | null): void {
    this.failingFrom = calls === null ? null : this.calls.length + calls;
  }

  /** Empties the cost bucket, as a burst of other apps' calls would. */
  drainBucket(): void {
    this.available = 0;
    this.refilledAt = Date.now();
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
    this.server?.closeAllConnections();
  }

  /** Sends a webhook, signed; sent again until it is answered 2xx or attempts run out. */
  async deliver(
    topic: string,
    payload: Record<string, unknown>,
    webhookId = randomUUID(),
  ): Promise<Delivery> {
    const hooks = this.options.webhooks;
    if (!hooks) throw new Error('the fake has no webhook address');
    const body = JSON.stringify(payload);
    const delivery: Delivery = { webhookId, topic, body, statuses: [] };
    this.deliveries.push(delivery);
    await this.send(delivery, 1);
    return delivery;
  }

  /** Sends an earlier delivery again with the same id, as Shopify's retries do. */
  redeliver(delivery: Delivery): Promise<number> {
    return this.post(delivery);
  }

  sign(body: string): string {
    return createHmac('sha256', this.options.webhooks?.secret ?? '')
      .update(body)
      .digest('base64');
  }

  private async send(delivery: Delivery, attempt: number): Promise<void> {
    const hooks = this.options.webhooks;
    if (!hooks) return;
    const status = await this.post(delivery);
    if (status >= 200 && status < 300) return;
    if (attempt >= (hooks.maxAttempts ?? 5)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(
        () => {
          this.timers.delete(timer);
          resolve();
        },
        (hooks.retryDelayMs ?? 200) * attempt,
      );
      this.timers.add(timer);
    });
    if (this.server) await this.send(delivery, attempt + 1);
  }

  private async post(delivery: Delivery): Promise<number> {
    const hooks = this.options.webhooks;
    if (!hooks) return 0;
    const status = await fetch(hooks.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': delivery.topic,
        'x-shopify-hmac-sha256': this.sign(delivery.body),
        'x-shopify-shop-domain': this.domain,
        'x-shopify-webhook-id': delivery.webhookId,
        'x-shopify-api-version': '2026-10',
        'x-shopify-triggered-at': new Date().toISOString(),
      },
      body: delivery.body,
    })
      .then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      })
      .catch(() => 0);
    delivery.statuses.push(status);
    return status;
  }

  private async handle(
    req: IncomingMessage,
  ): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const raw = await new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk) => {
        text += chunk;
      });
      req.on('end', () => resolve(text));
    });
    if (this.options.latencyMs) await new Promise((r) => setTimeout(r, this.options.latencyMs));
    const answer = this.answer(req, raw);
    this.calls.push({
      operation: answer.operation,
      status: answer.status,
      throttled: 'throttled' in answer,
    });
    return answer;
  }

  private answer(req: IncomingMessage, raw: string) {
    const fail = (status: number, errors: unknown, headers?: Record<string, string>) => ({
      operation: '',
      status,
      body: { errors },
      headers,
    });
    if (
      req.method !== 'POST' ||
      !/^\/admin\/api\/(\d{4}-\d{2}|unstable)\/graphql\.json$/.test(req.url ?? '')
    )
      return fail(404, 'Not Found');
    if (req.headers['x-shopify-access-token'] !== this.token)
      return fail(
        401,
        '[API] Invalid API key or access token (unrecognized login or wrong password)',
      );
    if (this.failingFrom !== null && this.calls.length >= this.failingFrom)
      return fail(500, 'Internal Server Error');
    if (this.forced429 > 0) {
      this.forced429--;
      return fail(
        429,
        'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.',
        {
          'retry-after': String(this.retryAfterSeconds),
        },
      );
    }
    let request: { query?: string; variables?: Record<string, unknown> };
    let document: DocumentNode;
    try {
      request = JSON.parse(raw);
      document = parse(request.query ?? '');
    } catch (error) {
      return fail(400, [{ message: error instanceof Error ? error.message : 'Bad request' }]);
    }
    const invalid = validate(ADMIN_SCHEMA, document);
    if (invalid.length > 0)
      return {
        operation: '',
        status: 200,
        body: { errors: invalid.map((e) => ({ message: e.message })) },
      };
    const operation = operationName(document);
    const cost = queryCost(document, request.variables ?? {});
    this.refill();
    const throttleStatus = () => ({
      maximumAvailable: this.bucket.max,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.bucket.restorePerSecond,
    });
    if (cost > this.available)
      return {
        operation,
        throttled: true,
        status: 200,
        body: {
          errors: [
            {
              message: 'Throttled',
              extensions: {
                code: 'THROTTLED',
                documentation: 'https://shopify.dev/api/usage/rate-limits',
              },
            },
          ],
          extensions: {
            cost: {
              requestedQueryCost: cost,
              actualQueryCost: null,
              throttleStatus: throttleStatus(),
            },
          },
        },
      };
    this.available -= cost;
    const result = execute({
      schema: ADMIN_SCHEMA,
      document,
      rootValue: this.resolvers,
      variableValues: request.variables ?? {},
    });
    if (result instanceof Promise) throw new Error('the fake resolves synchronously');
    return {
      operation,
      status: 200,
      body: {
        ...(result.errors
          ? {
              errors: result.errors.map((e: GraphQLError) => ({
                message: e.message,
                path: e.path,
              })),
            }
          : {}),
        data: result.data ?? null,
        extensions: {
          cost: {
            requestedQueryCost: cost,
            actualQueryCost: cost,
            throttleStatus: throttleStatus(),
          },
        },
      },
    };
  }

  private refill(): void {
    const now = Date.now();
    this.available = Math.min(
      this.bucket.max,
      this.available + ((now - this.refilledAt) / 1000) * this.bucket.restorePerSecond,
    );
    this.refilledAt = now;
  }
}

function operationName(document: DocumentNode): string {
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION) return d.name?.value ?? d.operation;
  return '';
}

/**
 * A simplified form of Shopify's calculated cost: 1 per query, 10 per mutation, plus the
 * page size (`first`) of every connection asked for.
 */
export function queryCost(document: DocumentNode, variables: Record<string, unknown>): number {
  let cost = 0;
  visit(document, {
    OperationDefinition(node) {
      cost += node.operation === 'mutation' ? 10 : 1;
    },
    Field(node) {
      const first = node.arguments?.find((a) => a.name.value === 'first');
      if (!first) return;
      const value =
        first.value.kind === Kind.INT
          ? Number(first.value.value)
          : first.value.kind === Kind.VARIABLE
            ? Number(variables[first.value.name.value] ?? 0)
            : 0;
      cost += value;
    },
  });
  return cost;
}
