import { setTimeout as sleep } from 'node:timers/promises';
import { type AdminApiClient, createAdminApiClient } from '@shopify/admin-api-client';
import type { z } from 'zod';
import type { Logger } from '../../logger.js';
import type { ShopifyConfig } from './env.js';

/** Shopify answered with an error that waiting does not mend (or the wait ran out). */
export class ShopifyApiError extends Error {
  constructor(
    message: string,
    readonly kind: 'graphql' | 'http' | 'network' | 'throttled' | 'shape',
  ) {
    super(message);
    this.name = 'ShopifyApiError';
  }
}

/** How long one call may wait out throttling and 429s, all waits together. */
const MAX_WAIT_MS = 60_000;
const MAX_ATTEMPTS = 8;
const NETWORK_ATTEMPTS = 2;

/** What the client answers, or a thrown network failure in the same shape. */
interface Answer {
  data?: unknown;
  errors?: {
    message?: string;
    networkStatusCode?: number;
    graphQLErrors?: { message?: string; extensions?: { code?: string } }[];
    response?: Response;
  };
  extensions?: unknown;
}

interface CostExtension {
  requestedQueryCost?: number;
  throttleStatus?: { currentlyAvailable?: number; restoreRate?: number };
}

/** The wait a throttled query needs: until the bucket holds its cost again. */
export function throttleWaitMs(cost: CostExtension | undefined): number {
  const requested = cost?.requestedQueryCost ?? 100;
  const available = cost?.throttleStatus?.currentlyAvailable ?? 0;
  const rate = cost?.throttleStatus?.restoreRate || 50;
  return Math.max(100, Math.ceil(((requested - available) / rate) * 1000));
}

/** `Retry-After` in seconds (Shopify's), as milliseconds; one second when absent. */
export function retryAfterMs(header: string | null | undefined): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.max(100, seconds * 1000) : 1000;
}

/**
 * Shopify's Admin GraphQL API through Shopify's own client. GraphQL throttling (`THROTTLED`,
 * with the cost extension saying when the bucket refills) and HTTP 429 (`Retry-After`) are
 * waited out here, within a bound, so callers see an answer or one clear error. The client's
 * own retries are off: it reads `Retry-After` as milliseconds.
 */
export class ShopifyAdminApi {
  private readonly client: AdminApiClient;
  /** Calls sent, retries included (benchmarks count round trips with it). */
  calls = 0;

  constructor(
    config: Pick<ShopifyConfig, 'shop' | 'adminToken' | 'apiVersion' | 'apiUrl'>,
    private readonly logger: Logger,
  ) {
    const shopOrigin = `https://${config.shop}`;
    this.client = createAdminApiClient({
      storeDomain: config.shop,
      apiVersion: config.apiVersion,
      accessToken: config.adminToken,
      userAgentPrefix: 'Concierge',
      retries: 0,
      // The client always speaks https to the shop's own domain; a proxy or a test server
      // elsewhere is reached by rewriting the origin, with the path and headers unchanged.
      customFetchApi: (url, init) =>
        fetch(String(url).replace(shopOrigin, config.apiUrl), init as RequestInit),
      logger: (entry) => {
        if (entry.type === 'Unsupported_Api_Version')
          logger.warn(
            { apiVersion: config.apiVersion },
            'SHOPIFY_API_VERSION is not one Shopify supports now: pin a current version',
          );
      },
    });
  }

  /** Runs a query or mutation and parses its `data` with `shape`. */
  async request<T>(
    document: string,
    variables: Record<string, unknown>,
    shape: z.ZodType<T>,
  ): Promise<T> {
    let waited = 0;
    let networkFailures = 0;
    for (let attempt = 1; ; attempt++) {
      this.calls++;
      const response: Answer = await this.client
        .request(document, { variables })
        .catch((error: unknown) => ({ errors: { message: String(error) } }));
      const errors = response.errors;
      if (!errors) {
        const parsed = shape.safeParse(response.data);
        if (!parsed.success)
          throw new ShopifyApiError(
            `Shopify's answer is not what was asked for: ${parsed.error.issues
              .slice(0, 3)
              .map((i) => `${i.path.join('.')}: ${i.message}`)
              .join('; ')}`,
            'shape',
          );
        return parsed.data;
      }
      const status = errors.networkStatusCode;
      const throttled = errors.graphQLErrors?.some((e) => e.extensions?.code === 'THROTTLED');
      let waitMs: number | null = null;
      if (throttled) {
        waitMs = throttleWaitMs(
          (response.extensions as { cost?: CostExtension } | undefined)?.cost,
        );
      } else if (status === 429 || status === 503) {
        waitMs = retryAfterMs(errors.response?.headers.get('Retry-After'));
      } else if (status === undefined && ++networkFailures < NETWORK_ATTEMPTS) {
        waitMs = 250;
      }
      if (waitMs === null) throw apiError(errors, status);
      if (attempt >= MAX_ATTEMPTS || waited + waitMs > MAX_WAIT_MS)
        throw new ShopifyApiError(
          `Shopify kept refusing for rate limits after ${attempt} attempts`,
          'throttled',
        );
      this.logger.debug({ waitMs, status, throttled }, 'Shopify asked to wait; waiting');
      waited += waitMs;
      await sleep(waitMs);
    }
  }
}

function apiError(
  errors: { message?: string; graphQLErrors?: { message?: string }[] },
  status: number | undefined,
): ShopifyApiError {
  if (status === undefined)
    return new ShopifyApiError(`Shopify could not be reached: ${errors.message}`, 'network');
  const messages = errors.graphQLErrors?.map((e) => e.message).filter(Boolean) ?? [];
  if (messages.length > 0)
    return new ShopifyApiError(`Shopify refused the query: ${messages.join('; ')}`, 'graphql');
  return new ShopifyApiError(`Shopify answered HTTP ${status}: ${errors.message}`, 'http');
}
