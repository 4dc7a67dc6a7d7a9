import { useShopifyBackend } from '../helpers/shopify-backend.js';
import { commerceContract } from './commerce-contract.js';

const shopify = useShopifyBackend('contract_shopify');

commerceContract('Shopify', () => shopify.ports);
