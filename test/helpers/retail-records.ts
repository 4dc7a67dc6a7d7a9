import type { Address, Customer } from '../../src/domain/retail.js';

/** Records for tests over in-memory ports: a customer and an address, with what a test changes. */

export const BOISE: Address = {
  line1: '1 Main St',
  line2: null,
  city: 'Boise',
  region: 'ID',
  postalCode: '83702',
  country: 'US',
};

export function aCustomer(fields: Partial<Customer> = {}): Customer {
  return {
    customerId: 'C-1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: null,
    address: null,
    interests: [],
    paymentMethods: {},
    createdAt: new Date('2026-01-01T00:00:00Z'),
    changedInConciergeAt: null,
    ...fields,
  };
}
