/**
 * The Admin GraphQL documents Concierge sends (API version pinned by SHOPIFY_API_VERSION).
 * Each asks only for the fields `records.ts` reads, so a query's cost stays small.
 */

const MONEY = 'shopMoney { amount currencyCode }';
const ADDRESS = 'address1 address2 city provinceCode zip countryCodeV2';

const TRANSACTION = `kind status gateway amountSet { ${MONEY} }
  paymentDetails { ... on CardPaymentDetails { company number } }`;

export const ORDER_FIELDS = `fragment OrderFields on Order {
  id name createdAt updatedAt cancelledAt cancelReason
  displayFulfillmentStatus returnStatus
  customer { id }
  subtotalPriceSet { ${MONEY} }
  totalShippingPriceSet { ${MONEY} }
  totalPriceSet { ${MONEY} }
  shippingAddress { ${ADDRESS} }
  lineItems(first: 30) { nodes { id sku name currentQuantity
    originalUnitPriceSet { ${MONEY} }
    variant { id sku product { id } selectedOptions { name value } } } }
  fulfillments(first: 5) { id displayStatus createdAt deliveredAt estimatedDeliveryAt
    trackingInfo(first: 3) { company number }
    fulfillmentLineItems(first: 30) { nodes { id quantity lineItem { id } } } }
  transactions(first: 10) { ${TRANSACTION} }
  returns(first: 3) { nodes { status exchangeLineItems(first: 1) { nodes { id } } } }
}`;

export const CUSTOMER_FIELDS = `fragment CustomerFields on Customer {
  id displayName createdAt updatedAt
  defaultEmailAddress { emailAddress }
  defaultPhoneNumber { phoneNumber }
  defaultAddress { ${ADDRESS} }
  orders(first: 5, sortKey: CREATED_AT, reverse: true) { nodes { transactions(first: 5) { ${TRANSACTION} } } }
}`;

export const PRODUCT_FIELDS = `fragment ProductFields on Product {
  id title vendor productType description tags createdAt updatedAt
  priceRangeV2 { minVariantPrice { amount currencyCode } }
  variants(first: 50) { nodes { id sku price availableForSale
    selectedOptions { name value }
    inventoryItem { inventoryLevels(first: 10) { nodes { updatedAt location { name }
      quantities(names: ["available"]) { name quantity } } } } } }
}`;

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

export const CUSTOMER_BY_ID = `query CustomerById($id: ID!) {
  customer(id: $id) { ...CustomerFields }
}
${CUSTOMER_FIELDS}`;

export const CUSTOMERS_MATCHING = `query CustomersMatching($query: String!, $first: Int!, $after: String) {
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ...CustomerFields } ${PAGE_INFO} }
}
${CUSTOMER_FIELDS}`;

export const ORDERS_MATCHING = `query OrdersMatching($query: String!, $first: Int!, $after: String) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: true) {
    nodes { ...OrderFields } ${PAGE_INFO} }
}
${ORDER_FIELDS}`;

export const ORDER_BY_ID = `query OrderById($id: ID!) {
  order(id: $id) { ...OrderFields }
}
${ORDER_FIELDS}`;

export const PRODUCTS_MATCHING = `query ProductsMatching($query: String, $first: Int!, $after: String) {
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ...ProductFields } ${PAGE_INFO} }
}
${PRODUCT_FIELDS}`;

export const PRODUCT_BY_ID = `query ProductById($id: ID!) {
  product(id: $id) { ...ProductFields }
}
${PRODUCT_FIELDS}`;

export const PRODUCT_OF_INVENTORY_ITEM = `query ProductOfInventoryItem($id: ID!) {
  inventoryItem(id: $id) { variant { product { ...ProductFields } } }
}
${PRODUCT_FIELDS}`;

export const SHOP_CONTENT = `query ShopContent($after: String) {
  shop { shopPolicies { id title body type url updatedAt } }
  pages(first: 50, after: $after) { nodes { id title handle body updatedAt } ${PAGE_INFO} }
}`;

const USER_ERRORS = 'userErrors { field message }';

export const ORDER_CANCEL = `mutation OrderCancel($orderId: ID!, $reason: OrderCancelReason!, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: $reason, staffNote: $staffNote, restock: true,
    notifyCustomer: true, refundMethod: { originalPaymentMethodsRefund: true }) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

export const JOB = `query Job($id: ID!) { job(id: $id) { id done } }`;

export const ORDER_UPDATE = `mutation OrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) { order { id } ${USER_ERRORS} }
}`;

export const ORDER_EDIT_BEGIN = `mutation OrderEditBegin($id: ID!) {
  orderEditBegin(id: $id) {
    calculatedOrder { id lineItems(first: 30) { nodes { id quantity variant { id } } } }
    ${USER_ERRORS}
  }
}`;

export const ORDER_EDIT_SET_QUANTITY = `mutation OrderEditSetQuantity($id: ID!, $lineItemId: ID!, $quantity: Int!) {
  orderEditSetQuantity(id: $id, lineItemId: $lineItemId, quantity: $quantity, restock: true) {
    calculatedOrder { id } ${USER_ERRORS}
  }
}`;

export const ORDER_EDIT_ADD_VARIANT = `mutation OrderEditAddVariant($id: ID!, $variantId: ID!, $quantity: Int!) {
  orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity, allowDuplicates: true) {
    calculatedOrder { id } ${USER_ERRORS}
  }
}`;

export const ORDER_EDIT_COMMIT = `mutation OrderEditCommit($id: ID!, $staffNote: String) {
  orderEditCommit(id: $id, notifyCustomer: true, staffNote: $staffNote) {
    order { id } ${USER_ERRORS}
  }
}`;

export const RETURN_REQUEST = `mutation ReturnRequest($input: ReturnRequestInput!) {
  returnRequest(input: $input) { return { id status } ${USER_ERRORS} }
}`;

export const RETURN_CREATE = `mutation ReturnCreate($returnInput: ReturnInput!) {
  returnCreate(returnInput: $returnInput) { return { id status } ${USER_ERRORS} }
}`;

export const CUSTOMER_ADDRESS_CREATE = `mutation CustomerAddressCreate($customerId: ID!, $address: MailingAddressInput!) {
  customerAddressCreate(customerId: $customerId, address: $address, setAsDefault: true) {
    address { id } ${USER_ERRORS}
  }
}`;
