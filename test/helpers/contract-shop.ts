import type {
  Customer,
  InventoryRecord,
  Order,
  OrderItem,
  Product,
} from '../../src/domain/retail.js';

/**
 * A small shop that both commerce backends hold the same way (the built-in MongoDB shop and
 * the fake Shopify), for the contract suite: customers with orders in every state a change
 * depends on, and products with variants in and out of stock.
 */

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

const address = (line1: string, city: string, region: string, postalCode: string) => ({
  line1,
  line2: null,
  city,
  region,
  postalCode,
  country: 'US',
});

const variant = (
  sku: string,
  options: Record<string, string>,
  priceCents: number,
  available = true,
) => ({
  sku,
  options,
  priceCents,
  available,
});

const product = (
  productId: string,
  name: string,
  category: string,
  description: string,
  variants: Product['variants'],
): Product => ({
  productId,
  name,
  brand: 'Northwind',
  category,
  subcategory: null,
  description,
  attributes: {},
  tags: [category],
  priceCents: Math.min(...variants.map((v) => v.priceCents)),
  currency: 'USD',
  consumable: false,
  variants,
  createdAt: ago(400),
});

export const PRODUCTS: Product[] = [
  product(
    'P-BOTTLE',
    'Trail Water Bottle',
    'bottles',
    'Insulated steel water bottle for hiking, keeps drinks cold for 24 hours.',
    [
      variant('BOT-BLK-500', { color: 'black', capacity: '500ml' }, 2500),
      variant('BOT-BLU-500', { color: 'blue', capacity: '500ml' }, 2500),
      variant('BOT-BLK-1L', { color: 'black', capacity: '1L' }, 3200),
    ],
  ),
  product(
    'P-JACKET',
    'Storm Rain Jacket',
    'jackets',
    'Waterproof breathable rain jacket with a packable hood.',
    [
      variant('JKT-M', { size: 'M' }, 12000),
      variant('JKT-L', { size: 'L' }, 12000),
      variant('JKT-XL', { size: 'XL' }, 12000, false),
    ],
  ),
  product(
    'P-SOCKS',
    'Merino Hiking Socks',
    'socks',
    'Cushioned merino wool socks for long hikes.',
    [variant('SOCK-1', {}, 1800)],
  ),
];

export const INVENTORY: InventoryRecord[] = [
  ['BOT-BLK-500', 'P-BOTTLE', 12],
  ['BOT-BLU-500', 'P-BOTTLE', 7],
  ['BOT-BLK-1L', 'P-BOTTLE', 4],
  ['JKT-M', 'P-JACKET', 3],
  ['JKT-L', 'P-JACKET', 0],
  ['JKT-XL', 'P-JACKET', 0],
  ['SOCK-1', 'P-SOCKS', 40],
].map(([sku, productId, quantity]) => ({
  sku: sku as string,
  productId: productId as string,
  location: 'Main warehouse',
  quantity: quantity as number,
  restockDate: null,
  updatedAt: ago(1),
}));

const customer = (n: number, name: string, email: string, zip: string): Customer => ({
  customerId: `C-${n}`,
  name,
  email,
  phone: null,
  address: address(`${n} Pine Rd`, 'Boise', 'ID', zip),
  interests: [],
  paymentMethods: {
    [`card_${4000 + n}`]: {
      methodId: `card_${4000 + n}`,
      kind: 'card',
      brand: 'Visa',
      lastFour: String(4000 + n),
    },
  },
  createdAt: ago(500),
  changedInConciergeAt: null,
});

export const CUSTOMERS: Customer[] = [
  customer(1, 'Ada Lovelace', 'ada@example.com', '83701'),
  customer(2, 'Grace Hopper', 'grace@example.com', '83702'),
  customer(3, 'Alan Turing', 'alan@example.com', '83703'),
  customer(4, 'Edsger Dijkstra', 'edsger@example.com', '83704'),
  customer(5, 'Barbara Liskov', 'barbara@example.com', '83705'),
];

function item(sku: string, quantity = 1): OrderItem {
  for (const p of PRODUCTS) {
    const v = p.variants.find((x) => x.sku === sku);
    if (v)
      return {
        productId: p.productId,
        sku,
        name: p.name,
        options: v.options,
        quantity,
        unitPriceCents: v.priceCents,
      };
  }
  throw new Error(`no variant ${sku}`);
}

function order(
  orderNumber: string,
  customerIndex: number,
  status: 'pending' | 'processing' | 'shipped' | 'delivered',
  items: OrderItem[],
  placedDaysAgo: number,
): Order {
  const c = CUSTOMERS[customerIndex - 1] as Customer;
  const subtotalCents = items.reduce((s, i) => s + i.unitPriceCents * i.quantity, 0);
  const shippingCents = 500;
  const shipped = status === 'shipped' || status === 'delivered';
  return {
    orderNumber,
    customerId: c.customerId,
    status,
    placedAt: ago(placedDaysAgo),
    updatedAt: ago(placedDaysAgo - 1),
    items,
    subtotalCents,
    shippingCents,
    totalCents: subtotalCents + shippingCents,
    currency: 'USD',
    shippingAddress: c.address ?? address('1 Main St', 'Boise', 'ID', '83702'),
    shipment: shipped
      ? {
          carrier: 'UPS',
          trackingNumber: `1Z${orderNumber.replace(/\D/g, '')}999`,
          shippedAt: ago(placedDaysAgo - 1),
          estimatedDelivery: ago(placedDaysAgo - 4),
          deliveredAt: status === 'delivered' ? ago(placedDaysAgo - 3) : null,
        }
      : null,
    fulfilments: [],
    payments: [
      {
        kind: 'payment',
        methodId: `card_${4000 + customerIndex}`,
        amountCents: subtotalCents + shippingCents,
      },
    ],
    cancelledAt: null,
    cancelReason: null,
    returnedAt: null,
    returnRequest: null,
  };
}

export const ORDERS: Order[] = [
  order('#1001', 1, 'pending', [item('BOT-BLK-500'), item('SOCK-1', 2)], 3),
  order('#1002', 1, 'delivered', [item('JKT-M')], 12),
  order('#1003', 2, 'shipped', [item('BOT-BLU-500')], 5),
  order('#1004', 2, 'pending', [item('BOT-BLU-500')], 2),
  order('#1005', 3, 'delivered', [item('BOT-BLK-500', 2)], 10),
  order('#1006', 3, 'processing', [item('SOCK-1')], 2),
  order('#1007', 4, 'pending', [item('JKT-M')], 1),
  order('#1008', 5, 'delivered', [item('SOCK-1', 3)], 8),
  order('#1009', 5, 'delivered', [item('BOT-BLK-500')], 9),
];

export const CONTRACT_SHOP = {
  customers: CUSTOMERS,
  products: PRODUCTS,
  inventory: INVENTORY,
  orders: ORDERS,
};
