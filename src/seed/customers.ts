import type { Address, Customer, PaymentMethod } from '../domain/retail.js';
import { CATEGORIES, SIZE_SCALES } from './catalog-data.js';
import type { Random } from './random.js';

export const CUSTOMER_COUNT = 1200;
const DAY_MS = 86_400_000;

const FIRST = [
  'Ava',
  'Liam',
  'Mia',
  'Noah',
  'Zoe',
  'Ethan',
  'Lina',
  'Omar',
  'Priya',
  'Kenji',
  'Sofia',
  'Mateo',
  'Hana',
  'Lucas',
  'Amara',
  'Jonas',
  'Chloe',
  'Ravi',
  'Elena',
  'Wei',
  'Fatima',
  'Oscar',
  'Ingrid',
  'Diego',
  'Yara',
  'Felix',
  'Nora',
  'Samir',
  'Lea',
  'Tomás',
];
const LAST = [
  'Andersen',
  'Baker',
  'Chen',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Johansson',
  'Kowalski',
  'Lopez',
  'Müller',
  'Nakamura',
  'Okafor',
  'Patel',
  'Quinn',
  'Rossi',
  'Silva',
  'Tanaka',
  'Umar',
  'Varga',
  'Wang',
  'Xu',
  'Yilmaz',
  'Zhang',
];
const STREETS = [
  'Maple St',
  'Harbor Ave',
  'Pine Rd',
  'Cedar Ln',
  'Lakeview Dr',
  'Summit Blvd',
  'River Rd',
  'Elm Ct',
];
const CITIES: readonly (readonly [string, string, string])[] = [
  ['Seattle', 'WA', '981'],
  ['Portland', 'OR', '972'],
  ['Denver', 'CO', '802'],
  ['Boise', 'ID', '837'],
  ['Salt Lake City', 'UT', '841'],
  ['San Francisco', 'CA', '941'],
  ['Minneapolis', 'MN', '554'],
  ['Burlington', 'VT', '054'],
];
const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

/** What the order generator needs to know about a shopper beyond the stored record. */
export interface Shopper {
  customer: Customer;
  shoeSize: string;
  apparelSize: string;
  favouriteColours: string[];
}

function address(rng: Random): Address {
  const [city, region, zip] = rng.pick(CITIES);
  return {
    line1: `${rng.int(10, 9999)} ${rng.pick(STREETS)}`,
    line2: rng.chance(0.2) ? `Apt ${rng.int(1, 40)}` : null,
    city,
    region,
    postalCode: `${zip}${String(rng.int(0, 99)).padStart(2, '0')}`,
    country: 'US',
  };
}

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[^a-zA-Z]/g, '')
    .toLowerCase();
}

const CARD_BRANDS = ['visa', 'mastercard', 'amex'] as const;

/**
 * A card for everyone, PayPal for every third customer, a gift card for every fifth. Derived
 * from the customer's number rather than drawn, so the rest of the demo data stays as it was.
 */
function paymentMethodsFor(index: number): Record<string, PaymentMethod> {
  const n = index + 1;
  const card: PaymentMethod = {
    methodId: `card_${n}`,
    kind: 'card',
    brand: CARD_BRANDS[n % CARD_BRANDS.length] ?? 'visa',
    lastFour: String((n * 7919) % 10_000).padStart(4, '0'),
  };
  const methods: PaymentMethod[] = [card];
  if (n % 3 === 0) methods.push({ methodId: `paypal_${n}`, kind: 'paypal' });
  if (n % 5 === 0)
    methods.push({ methodId: `gift_card_${n}`, kind: 'gift_card', balanceCents: (n % 20) * 1000 });
  return Object.fromEntries(methods.map((m) => [m.methodId, m]));
}

/** Customers with 1 to 3 interests (categories), a fixed size and favourite colours each. */
export function generateShoppers(rng: Random, windowStart: Date): Shopper[] {
  const categories = CATEGORIES.map((c) => c.category);
  const shoppers: Shopper[] = [];
  for (let i = 0; i < CUSTOMER_COUNT; i++) {
    const first = rng.pick(FIRST);
    const last = rng.pick(LAST);
    const customerId = `C-${String(i + 1).padStart(5, '0')}`;
    shoppers.push({
      customer: {
        customerId,
        name: `${first} ${last}`,
        email: `${ascii(first)}.${ascii(last)}${i + 1}@${rng.pick(EMAIL_DOMAINS)}`,
        phone: rng.chance(0.8)
          ? `+1-555-${String(rng.int(100, 999))}-${String(rng.int(1000, 9999))}`
          : null,
        address: address(rng),
        interests: rng.sample(categories, rng.int(1, 3)),
        paymentMethods: paymentMethodsFor(i),
        changedInConciergeAt: null,
        // Some joined before the order window, the rest during its first year.
        createdAt: new Date(windowStart.getTime() + rng.int(-200, 365) * DAY_MS),
      },
      shoeSize: rng.pick(SIZE_SCALES.shoe),
      apparelSize: rng.pick(SIZE_SCALES.apparel),
      favouriteColours: rng.sample(['black', 'grey', 'navy', 'olive', 'red', 'blue', 'sand'], 2),
    });
  }
  return shoppers;
}
