import type {
  FAddress,
  FakeShop,
  FCustomer,
  FOrder,
  FProduct,
  FVariant,
  UserError,
} from './shop.js';

/** The fake's answers to the Admin API's queries and mutations, in Shopify's shapes. */

const money = (cents: number, currency: string) => {
  const m = { amount: (cents / 100).toFixed(2), currencyCode: currency };
  return { shopMoney: m, presentmentMoney: m };
};

interface Page {
  first?: number | null;
  after?: string | null;
}

/** Cursor pagination as Shopify's: opaque cursors, `first` at most 250; `show` makes a node. */
export function connection<T, N = T>(
  items: readonly T[],
  page: Page = {},
  show: (item: T) => N = (item) => item as unknown as N,
) {
  const start = page.after ? Number(Buffer.from(page.after, 'base64url').toString()) + 1 : 0;
  const first = Math.min(page.first ?? 250, 250);
  const nodes = items.slice(start, start + first).map(show);
  const last = start + nodes.length - 1;
  return {
    nodes,
    pageInfo: {
      hasNextPage: last + 1 < items.length,
      hasPreviousPage: start > 0,
      startCursor: nodes.length ? Buffer.from(String(start)).toString('base64url') : null,
      endCursor: nodes.length ? Buffer.from(String(last)).toString('base64url') : null,
    },
  };
}

/** Shopify's search syntax, the part Concierge uses: `field:value`, `field:>=value`, quotes. */
export function parseSearch(
  query: string | null | undefined,
): { field: string; op: string; value: string }[] {
  const terms = [];
  for (const m of (query ?? '').matchAll(/(\w+):(>=|<=|>|<)?("(?:[^"\\]|\\.)*"|'[^']*'|\S+)/g)) {
    const raw = m[3] ?? '';
    const value = /^["']/.test(raw) ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
    terms.push({ field: (m[1] ?? '').toLowerCase(), op: m[2] ?? ':', value });
  }
  return terms;
}

function matchesDate(date: Date, op: string, value: string): boolean {
  const at = new Date(value).getTime();
  const t = date.getTime();
  return op === '>='
    ? t >= at
    : op === '>'
      ? t > at
      : op === '<='
        ? t <= at
        : op === '<'
          ? t < at
          : t === at;
}

const idNumber = (gid: string) => gid.split('/').pop()?.split('?')[0] ?? '';

function sorted<T extends { createdAt: Date; updatedAt: Date }>(
  items: T[],
  sortKey?: string | null,
  reverse?: boolean | null,
): T[] {
  const key = sortKey === 'UPDATED_AT' ? 'updatedAt' : 'createdAt';
  const out = [...items].sort((a, b) => a[key].getTime() - b[key].getTime());
  return reverse ? out.reverse() : out;
}

export function createResolvers(shop: FakeShop) {
  const address = (a: FAddress | null) => a && { ...a };

  const variant = (v: FVariant): Record<string, unknown> => ({
    id: v.id,
    sku: v.sku,
    price: (v.priceCents / 100).toFixed(2),
    availableForSale: v.available,
    selectedOptions: v.options,
    product: () => product(shop.products.get(v.productId) as FProduct),
    inventoryItem: () => inventoryItem(v),
  });

  const inventoryItem = (v: FVariant) => ({
    id: v.inventoryItemId,
    variant: () => variant(v),
    inventoryLevels: (page: Page) =>
      connection(
        v.levels.map((l) => ({
          id: l.id,
          updatedAt: l.updatedAt,
          location: { id: `gid://shopify/Location/${l.location.length}`, name: l.location },
          quantities: ({ names }: { names: string[] }) =>
            names.map((name) => ({ name, quantity: name === 'available' ? l.available : 0 })),
        })),
        page,
      ),
  });

  const product = (p: FProduct): Record<string, unknown> => {
    const prices = p.variants.map((v) => v.priceCents);
    return {
      id: p.id,
      title: p.title,
      vendor: p.vendor,
      productType: p.productType,
      description: p.description,
      tags: p.tags,
      createdAt: p.createdAt,
      updatedAt: p.updatedAt,
      priceRangeV2: {
        minVariantPrice: money(Math.min(...prices), p.currency).shopMoney,
        maxVariantPrice: money(Math.max(...prices), p.currency).shopMoney,
      },
      variants: (page: Page) => connection(p.variants.map(variant), page),
    };
  };

  const customer = (c: FCustomer): Record<string, unknown> => ({
    id: c.id,
    displayName: c.name,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    defaultEmailAddress: { emailAddress: c.email },
    defaultPhoneNumber: c.phone ? { phoneNumber: c.phone } : null,
    defaultAddress: address(c.defaultAddress),
    orders: (args: Page & { sortKey?: string; reverse?: boolean }) =>
      connection(sorted(shop.ordersOf.get(c.id) ?? [], args.sortKey, args.reverse), args, order),
  });

  const lineItem = (o: FOrder, lineId: string) => {
    const l = o.lines.find((x) => x.id === lineId);
    if (!l) throw new Error(`no line ${lineId}`);
    const v = l.variantId ? shop.variant(l.variantId) : undefined;
    return {
      id: l.id,
      sku: l.sku,
      name: l.name,
      quantity: l.quantity,
      currentQuantity: l.currentQuantity,
      originalUnitPriceSet: money(l.priceCents, o.currency),
      variant: v ? variant(v) : null,
    };
  };

  const subtotal = (o: FOrder) =>
    o.lines.reduce((sum, l) => sum + l.priceCents * l.currentQuantity, 0);

  const order = (o: FOrder): Record<string, unknown> => ({
    id: o.id,
    name: o.name,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    cancelledAt: o.cancelledAt,
    cancelReason: o.cancelReason,
    displayFulfillmentStatus: o.fulfillmentStatus,
    returnStatus: o.returnStatus,
    customer: () => customer(shop.customers.get(o.customerId) as FCustomer),
    subtotalPriceSet: money(subtotal(o), o.currency),
    totalShippingPriceSet: money(o.shippingCents, o.currency),
    totalPriceSet: money(subtotal(o) + o.shippingCents, o.currency),
    shippingAddress: address(o.shippingAddress),
    lineItems: (page: Page) =>
      connection(
        o.lines.map((l) => lineItem(o, l.id)),
        page,
      ),
    fulfillments: () =>
      o.fulfillments.map((f) => ({
        id: f.id,
        displayStatus: f.deliveredAt ? 'DELIVERED' : 'IN_TRANSIT',
        createdAt: f.createdAt,
        deliveredAt: f.deliveredAt,
        estimatedDeliveryAt: f.estimatedDeliveryAt,
        trackingInfo: () => f.tracking.map((t) => ({ ...t, url: null })),
        fulfillmentLineItems: (page: Page) =>
          connection(
            f.lines.map((fl) => ({
              id: fl.id,
              quantity: fl.quantity,
              lineItem: lineItem(o, fl.lineId),
            })),
            page,
          ),
      })),
    transactions: () =>
      o.transactions.map((t) => ({
        kind: t.kind,
        status: 'SUCCESS',
        gateway: t.gateway,
        amountSet: money(t.amountCents, o.currency),
        paymentDetails: t.card ? { __typename: 'CardPaymentDetails', ...t.card } : null,
      })),
    returns: (page: Page) =>
      connection(
        o.returns.map((r) => ({
          id: r.id,
          status: r.status,
          exchangeLineItems: (p: Page) =>
            connection(
              r.exchange.map((e) => ({ id: e.id })),
              p,
            ),
        })),
        page,
      ),
  });

  const ordersMatching = (query?: string | null) => {
    const terms = parseSearch(query);
    return [...shop.orders.values()].filter((o) =>
      terms.every((t) => {
        if (t.field === 'name') return o.name.toLowerCase() === t.value.toLowerCase();
        if (t.field === 'customer_id') return idNumber(o.customerId) === t.value;
        if (t.field === 'updated_at') return matchesDate(o.updatedAt, t.op, t.value);
        if (t.field === 'id') return idNumber(o.id) === t.value;
        return true;
      }),
    );
  };

  const customersMatching = (query?: string | null) => {
    const terms = parseSearch(query);
    return [...shop.customers.values()].filter((c) =>
      terms.every((t) => {
        if (t.field === 'email') return c.email.toLowerCase() === t.value.toLowerCase();
        if (t.field === 'updated_at') return matchesDate(c.updatedAt, t.op, t.value);
        return true;
      }),
    );
  };

  const productsMatching = (query?: string | null) => {
    const terms = parseSearch(query);
    return [...shop.products.values()].filter((p) =>
      terms.every((t) =>
        t.field === 'updated_at' ? matchesDate(p.updatedAt, t.op, t.value) : true,
      ),
    );
  };

  const err = (message: string, field: string[] | null = null): UserError[] => [{ field, message }];
  const orderOrError = (id: string): FOrder | UserError[] =>
    shop.orders.get(id) ?? err('Order does not exist', ['id']);
  const fails = (x: unknown): x is UserError[] => Array.isArray(x);

  // A listing is filtered and sorted once per state of the shop, not once per page.
  const listings = new Map<string, unknown[]>();
  let listedAt = -1;
  function listing<T>(
    kind: string,
    args: { query?: string; sortKey?: string; reverse?: boolean },
    compute: () => T[],
  ): T[] {
    if (listedAt !== shop.version) {
      listings.clear();
      listedAt = shop.version;
    }
    const key = `${kind}|${args.query ?? ''}|${args.sortKey ?? ''}|${args.reverse ?? false}`;
    let found = listings.get(key) as T[] | undefined;
    if (!found) {
      found = compute();
      listings.set(key, found);
    }
    return found;
  }

  return {
    customer: ({ id }: { id: string }) => {
      const c = shop.customers.get(id);
      return c ? customer(c) : null;
    },
    customers: (args: Page & { query?: string; sortKey?: string; reverse?: boolean }) =>
      connection(
        listing('customers', args, () =>
          sorted(customersMatching(args.query), args.sortKey, args.reverse),
        ),
        args,
        customer,
      ),
    order: ({ id }: { id: string }) => {
      const o = shop.orders.get(id);
      return o ? order(o) : null;
    },
    orders: (args: Page & { query?: string; sortKey?: string; reverse?: boolean }) =>
      connection(
        listing('orders', args, () =>
          sorted(ordersMatching(args.query), args.sortKey, args.reverse),
        ),
        args,
        order,
      ),
    product: ({ id }: { id: string }) => {
      const p = shop.products.get(id);
      return p ? product(p) : null;
    },
    products: (args: Page & { query?: string; sortKey?: string; reverse?: boolean }) =>
      connection(
        listing('products', args, () =>
          sorted(productsMatching(args.query), args.sortKey, args.reverse),
        ),
        args,
        product,
      ),
    inventoryItem: ({ id }: { id: string }) => {
      for (const p of shop.products.values())
        for (const v of p.variants) if (v.inventoryItemId === id) return inventoryItem(v);
      return null;
    },
    shop: () => ({
      shopPolicies: shop.policies.map((p, i) => ({
        id: `gid://shopify/ShopPolicy/${i + 1}`,
        ...p,
        url: `https://${shop.domain}/policies/${p.type.toLowerCase().replace(/_/g, '-')}`,
        updatedAt: shop.now(),
      })),
    }),
    pages: (page: Page) =>
      connection(
        shop.pages.map((p, i) => ({
          id: `gid://shopify/Page/${i + 1}`,
          ...p,
          updatedAt: shop.now(),
        })),
        page,
      ),
    job: ({ id }: { id: string }) => ({ id, done: true }),

    orderCancel: (args: {
      orderId: string;
      reason: string;
      staffNote?: string;
      restock: boolean;
    }) => {
      const o = shop.orders.get(args.orderId);
      const fail = (message: string, code: string) => ({
        job: null,
        orderCancelUserErrors: [{ field: ['orderId'], message, code }],
        userErrors: [{ field: ['orderId'], message }],
      });
      if (!o) return fail('Order does not exist', 'INVALID');
      if (o.cancelledAt) return fail('Order has already been cancelled', 'INVALID');
      if (o.fulfillments.length > 0)
        return fail('Cannot cancel an order that has been fulfilled', 'INVALID');
      o.cancelledAt = shop.now();
      o.cancelReason = args.reason;
      if (args.staffNote) o.staffNotes.push(args.staffNote);
      const net = new Map<string, { t: (typeof o.transactions)[number]; cents: number }>();
      for (const t of o.transactions) {
        const key = `${t.gateway}|${t.card?.number ?? ''}`;
        const entry = net.get(key) ?? { t, cents: 0 };
        entry.cents += t.kind === 'SALE' ? t.amountCents : -t.amountCents;
        net.set(key, entry);
      }
      for (const { t, cents } of net.values())
        if (cents > 0) o.transactions.push({ ...t, kind: 'REFUND', amountCents: cents });
      if (args.restock)
        for (const l of o.lines) {
          const v = l.variantId ? shop.variant(l.variantId) : undefined;
          const level = v?.levels[0];
          if (level) level.available += l.currentQuantity;
        }
      shop.touchOrder(o, 'orders/cancelled');
      return {
        job: { id: shop.gid('Job'), done: false },
        orderCancelUserErrors: [],
        userErrors: [],
      };
    },

    orderUpdate: ({
      input,
    }: {
      input: { id: string; shippingAddress?: Record<string, string | null> };
    }) => {
      const o = orderOrError(input.id);
      if (fails(o)) return { order: null, userErrors: o };
      if (o.cancelledAt)
        return { order: null, userErrors: err('Cannot update a cancelled order', ['id']) };
      const a = input.shippingAddress;
      if (a) {
        if (!a.address1 || !a.zip || !/^[A-Z]{2}$/.test(a.countryCode ?? ''))
          return {
            order: null,
            userErrors: err('Shipping address is invalid', ['shippingAddress']),
          };
        o.shippingAddress = {
          id: o.shippingAddress.id,
          address1: a.address1,
          address2: a.address2 ?? null,
          city: a.city ?? '',
          provinceCode: a.provinceCode ?? '',
          zip: a.zip,
          countryCodeV2: a.countryCode ?? '',
        };
      }
      shop.touchOrder(o);
      return { order: order(o), userErrors: [] };
    },

    orderEditBegin: ({ id }: { id: string }) => {
      const o = orderOrError(id);
      if (fails(o)) return { calculatedOrder: null, userErrors: o };
      if (o.cancelledAt || o.fulfillments.length > 0)
        return { calculatedOrder: null, userErrors: err('The order cannot be edited', ['id']) };
      const editId = shop.gid('CalculatedOrder');
      shop.edits.set(editId, {
        orderId: o.id,
        lines: o.lines
          .filter((l) => l.currentQuantity > 0 && l.variantId)
          .map((l) => ({
            id: shop.gid('CalculatedLineItem'),
            lineId: l.id,
            variantId: l.variantId as string,
            quantity: l.currentQuantity,
          })),
      });
      return { calculatedOrder: calculated(editId), userErrors: [] };
    },

    orderEditSetQuantity: (args: { id: string; lineItemId: string; quantity: number }) => {
      const edit = shop.edits.get(args.id);
      const line = edit?.lines.find((l) => l.id === args.lineItemId);
      if (!edit || !line)
        return {
          calculatedOrder: null,
          userErrors: err('Line item does not exist', ['lineItemId']),
        };
      if (args.quantity < 0)
        return {
          calculatedOrder: null,
          userErrors: err('Quantity cannot be negative', ['quantity']),
        };
      line.quantity = args.quantity;
      return { calculatedOrder: calculated(args.id), userErrors: [] };
    },

    orderEditAddVariant: (args: { id: string; variantId: string; quantity: number }) => {
      const edit = shop.edits.get(args.id);
      const v = shop.variant(args.variantId);
      if (!edit)
        return { calculatedOrder: null, userErrors: err('Order edit does not exist', ['id']) };
      if (!v?.available)
        return {
          calculatedOrder: null,
          userErrors: err('The variant is not available for sale', ['variantId']),
        };
      edit.lines.push({
        id: shop.gid('CalculatedLineItem'),
        lineId: null,
        variantId: v.id,
        quantity: args.quantity,
      });
      return { calculatedOrder: calculated(args.id), userErrors: [] };
    },

    orderEditCommit: (args: { id: string; staffNote?: string }) => {
      const edit = shop.edits.get(args.id);
      const o = edit && shop.orders.get(edit.orderId);
      if (!edit || !o) return { order: null, userErrors: err('Order edit does not exist', ['id']) };
      if (o.fulfillments.length > 0 || o.cancelledAt)
        return { order: null, userErrors: err('The order cannot be edited', ['id']) };
      shop.edits.delete(args.id);
      for (const l of edit.lines) {
        if (l.lineId) {
          const line = o.lines.find((x) => x.id === l.lineId);
          if (line) line.currentQuantity = l.quantity;
          continue;
        }
        const v = shop.variant(l.variantId) as FVariant;
        const p = shop.products.get(v.productId) as FProduct;
        o.lines.push({
          id: shop.gid('LineItem'),
          variantId: v.id,
          sku: v.sku,
          name: p.title,
          quantity: l.quantity,
          currentQuantity: l.quantity,
          priceCents: v.priceCents,
        });
      }
      if (args.staffNote) o.staffNotes.push(args.staffNote);
      shop.touchOrder(o);
      return { order: order(o), userErrors: [] };
    },

    returnRequest: ({
      input,
    }: {
      input: {
        orderId: string;
        returnLineItems: { fulfillmentLineItemId: string; quantity: number }[];
      };
    }) => openReturn(input.orderId, input.returnLineItems, [], 'REQUESTED'),

    returnCreate: ({
      returnInput,
    }: {
      returnInput: {
        orderId: string;
        returnLineItems: { fulfillmentLineItemId: string; quantity: number }[];
        exchangeLineItems?: { variantId?: string; quantity: number }[];
      };
    }) =>
      openReturn(
        returnInput.orderId,
        returnInput.returnLineItems,
        returnInput.exchangeLineItems ?? [],
        'OPEN',
      ),

    customerAddressCreate: (args: {
      customerId: string;
      address: Record<string, string | null>;
      setAsDefault?: boolean;
    }) => {
      const c = shop.customers.get(args.customerId);
      if (!c) return { address: null, userErrors: err('Customer does not exist', ['customerId']) };
      const a = args.address;
      if (!a.address1 || !a.zip || !/^[A-Z]{2}$/.test(a.countryCode ?? ''))
        return { address: null, userErrors: err('Address is invalid', ['address']) };
      const created = shop.address({
        line1: a.address1,
        line2: a.address2 ?? null,
        city: a.city ?? '',
        region: a.provinceCode ?? '',
        postalCode: a.zip,
        country: a.countryCode ?? '',
      });
      c.addresses.push(created);
      if (args.setAsDefault) c.defaultAddress = created;
      shop.touchCustomer(c);
      return { address: created, userErrors: [] };
    },
  };

  function calculated(editId: string) {
    const edit = shop.edits.get(editId);
    return {
      id: editId,
      lineItems: (page: Page) =>
        connection(
          (edit?.lines ?? []).map((l) => {
            const v = shop.variant(l.variantId);
            return { id: l.id, quantity: l.quantity, variant: v ? variant(v) : null };
          }),
          page,
        ),
    };
  }

  function openReturn(
    orderId: string,
    lines: { fulfillmentLineItemId: string; quantity: number }[],
    exchange: { variantId?: string; quantity: number }[],
    status: 'REQUESTED' | 'OPEN',
  ) {
    const o = orderOrError(orderId);
    if (fails(o)) return { return: null, userErrors: o };
    if (o.returns.some((r) => r.status !== 'CLOSED'))
      return { return: null, userErrors: err('The order already has an open return', ['orderId']) };
    for (const line of lines) {
      const fl = o.fulfillments
        .flatMap((f) => f.lines)
        .find((x) => x.id === line.fulfillmentLineItemId);
      if (!fl || line.quantity < 1 || line.quantity > fl.quantity)
        return {
          return: null,
          userErrors: err('Return line item is not returnable', ['returnLineItems']),
        };
    }
    for (const e of exchange)
      if (!e.variantId || !shop.variant(e.variantId)?.available)
        return {
          return: null,
          userErrors: err('Exchange variant is not available', ['exchangeLineItems']),
        };
    const created = {
      id: shop.gid('Return'),
      status,
      lines,
      exchange: exchange.map((e) => ({
        id: shop.gid('ExchangeLineItem'),
        variantId: e.variantId as string,
        quantity: e.quantity,
      })),
    };
    o.returns.push(created);
    o.returnStatus = status === 'REQUESTED' ? 'RETURN_REQUESTED' : 'IN_PROGRESS';
    shop.touchOrder(o);
    return {
      return: { id: created.id, status, exchangeLineItems: () => connection([]) },
      userErrors: [],
    };
  }
}
