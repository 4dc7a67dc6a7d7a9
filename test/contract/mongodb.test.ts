import { beforeAll } from 'vitest';
import { CONTRACT_SHOP } from '../helpers/contract-shop.js';
import { useTestStore } from '../helpers/test-store.js';
import { commerceContract } from './commerce-contract.js';

const t = useTestStore('contract_mongo');
beforeAll(async () => {
  await t.store.customers.upsertMany(CONTRACT_SHOP.customers);
  await t.store.products.upsertMany(CONTRACT_SHOP.products);
  await t.store.inventory.upsertMany(CONTRACT_SHOP.inventory);
  await t.store.orders.upsertMany(CONTRACT_SHOP.orders);
});

commerceContract('MongoDB', () => t.store);
