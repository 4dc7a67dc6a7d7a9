import { buildSchema } from 'graphql';

/**
 * The part of Shopify's Admin GraphQL schema (2026-10) that Concierge uses, with Shopify's
 * own type, field and argument names, so a query Shopify would reject is rejected here too.
 * Status fields that are enums in Shopify are strings here; their values are Shopify's.
 */
export const ADMIN_SCHEMA = buildSchema(/* GraphQL */ `
  scalar DateTime
  scalar Decimal
  scalar Money
  scalar URL
  scalar HTML

  enum CustomerSortKeys { CREATED_AT ID NAME RELEVANCE UPDATED_AT }
  enum OrderSortKeys { CREATED_AT ID PROCESSED_AT UPDATED_AT }
  enum ProductSortKeys { CREATED_AT ID TITLE UPDATED_AT }
  enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY OTHER STAFF }

  type Query {
    customer(id: ID!): Customer
    customers(first: Int, after: String, query: String, sortKey: CustomerSortKeys, reverse: Boolean): CustomerConnection!
    order(id: ID!): Order
    orders(first: Int, after: String, query: String, sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
    product(id: ID!): Product
    products(first: Int, after: String, query: String, sortKey: ProductSortKeys, reverse: Boolean): ProductConnection!
    inventoryItem(id: ID!): InventoryItem
    shop: Shop!
    pages(first: Int, after: String): PageConnection!
    job(id: ID!): Job
  }

  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! endCursor: String startCursor: String }
  type MoneyV2 { amount: Decimal! currencyCode: String! }
  type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }
  type MailingAddress { id: ID! address1: String address2: String city: String provinceCode: String zip: String countryCodeV2: String }

  type CustomerEmailAddress { emailAddress: String }
  type CustomerPhoneNumber { phoneNumber: String! }
  type Customer {
    id: ID! displayName: String! createdAt: DateTime! updatedAt: DateTime!
    defaultEmailAddress: CustomerEmailAddress defaultPhoneNumber: CustomerPhoneNumber
    defaultAddress: MailingAddress
    orders(first: Int, after: String, sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
  }
  type CustomerConnection { nodes: [Customer!]! pageInfo: PageInfo! }

  type Order {
    id: ID! name: String! createdAt: DateTime! updatedAt: DateTime! cancelledAt: DateTime
    cancelReason: OrderCancelReason displayFulfillmentStatus: String! returnStatus: String!
    customer: Customer
    subtotalPriceSet: MoneyBag totalShippingPriceSet: MoneyBag! totalPriceSet: MoneyBag!
    shippingAddress: MailingAddress
    lineItems(first: Int, after: String): LineItemConnection!
    fulfillments(first: Int): [Fulfillment!]!
    transactions(first: Int): [OrderTransaction!]!
    returns(first: Int, after: String): ReturnConnection!
  }
  type OrderConnection { nodes: [Order!]! pageInfo: PageInfo! }
  type LineItem {
    id: ID! sku: String name: String! quantity: Int! currentQuantity: Int!
    originalUnitPriceSet: MoneyBag! variant: ProductVariant
  }
  type LineItemConnection { nodes: [LineItem!]! pageInfo: PageInfo! }
  type Fulfillment {
    id: ID! displayStatus: String createdAt: DateTime! deliveredAt: DateTime estimatedDeliveryAt: DateTime
    trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
    fulfillmentLineItems(first: Int, after: String): FulfillmentLineItemConnection!
  }
  type FulfillmentTrackingInfo { company: String number: String url: URL }
  type FulfillmentLineItem { id: ID! quantity: Int lineItem: LineItem! }
  type FulfillmentLineItemConnection { nodes: [FulfillmentLineItem!]! pageInfo: PageInfo! }
  type CardPaymentDetails { company: String number: String name: String }
  union PaymentDetails = CardPaymentDetails
  type OrderTransaction {
    kind: String! status: String! gateway: String amountSet: MoneyBag! paymentDetails: PaymentDetails
  }
  type Return { id: ID! status: String! exchangeLineItems(first: Int): ExchangeLineItemConnection! }
  type ReturnConnection { nodes: [Return!]! pageInfo: PageInfo! }
  type ExchangeLineItem { id: ID! }
  type ExchangeLineItemConnection { nodes: [ExchangeLineItem!]! pageInfo: PageInfo! }

  type Product {
    id: ID! title: String! vendor: String! productType: String! description: String!
    tags: [String!]! createdAt: DateTime! updatedAt: DateTime!
    priceRangeV2: ProductPriceRangeV2!
    variants(first: Int, after: String): ProductVariantConnection!
  }
  type ProductConnection { nodes: [Product!]! pageInfo: PageInfo! }
  type ProductPriceRangeV2 { minVariantPrice: MoneyV2! maxVariantPrice: MoneyV2! }
  type SelectedOption { name: String! value: String! }
  type ProductVariant {
    id: ID! sku: String price: Money! availableForSale: Boolean!
    selectedOptions: [SelectedOption!]! product: Product! inventoryItem: InventoryItem!
  }
  type ProductVariantConnection { nodes: [ProductVariant!]! pageInfo: PageInfo! }
  type InventoryItem { id: ID! variant: ProductVariant! inventoryLevels(first: Int): InventoryLevelConnection! }
  type InventoryLevel { id: ID! updatedAt: DateTime! location: Location! quantities(names: [String!]!): [InventoryQuantity!]! }
  type InventoryLevelConnection { nodes: [InventoryLevel!]! pageInfo: PageInfo! }
  type InventoryQuantity { name: String! quantity: Int! }
  type Location { id: ID! name: String! }

  type Shop { shopPolicies: [ShopPolicy!]! }
  type ShopPolicy { id: ID! title: String! body: HTML! type: String! url: URL! updatedAt: DateTime! }
  type Page { id: ID! title: String! handle: String! body: HTML! updatedAt: DateTime! }
  type PageConnection { nodes: [Page!]! pageInfo: PageInfo! }
  type Job { id: ID! done: Boolean! }

  type UserError { field: [String!] message: String! }
  type OrderCancelUserError { field: [String!] message: String! code: String }
  type CalculatedLineItem { id: ID! quantity: Int! variant: ProductVariant }
  type CalculatedLineItemConnection { nodes: [CalculatedLineItem!]! pageInfo: PageInfo! }
  type CalculatedOrder { id: ID! lineItems(first: Int, after: String): CalculatedLineItemConnection! }

  input OrderCancelRefundMethodInput { originalPaymentMethodsRefund: Boolean }
  input MailingAddressInput {
    address1: String address2: String city: String provinceCode: String zip: String
    countryCode: String firstName: String lastName: String phone: String company: String
  }
  input OrderInput { id: ID! shippingAddress: MailingAddressInput note: String email: String tags: [String!] }
  input ReturnRequestLineItemInput { fulfillmentLineItemId: ID! quantity: Int! customerNote: String }
  input ReturnRequestInput { orderId: ID! returnLineItems: [ReturnRequestLineItemInput!]! }
  input ReturnLineItemInput { fulfillmentLineItemId: ID! quantity: Int! returnReasonNote: String }
  input ExchangeLineItemInput { variantId: ID quantity: Int! }
  input ReturnInput {
    orderId: ID! returnLineItems: [ReturnLineItemInput!]! exchangeLineItems: [ExchangeLineItemInput!]
    notifyCustomer: Boolean requestedAt: DateTime
  }

  type OrderCancelPayload { job: Job orderCancelUserErrors: [OrderCancelUserError!]! userErrors: [UserError!]! }
  type OrderUpdatePayload { order: Order userErrors: [UserError!]! }
  type OrderEditBeginPayload { calculatedOrder: CalculatedOrder userErrors: [UserError!]! }
  type OrderEditSetQuantityPayload { calculatedOrder: CalculatedOrder userErrors: [UserError!]! }
  type OrderEditAddVariantPayload { calculatedOrder: CalculatedOrder userErrors: [UserError!]! }
  type OrderEditCommitPayload { order: Order userErrors: [UserError!]! }
  type ReturnRequestPayload { return: Return userErrors: [UserError!]! }
  type ReturnCreatePayload { return: Return userErrors: [UserError!]! }
  type CustomerAddressCreatePayload { address: MailingAddress userErrors: [UserError!]! }

  type Mutation {
    orderCancel(orderId: ID!, reason: OrderCancelReason!, staffNote: String, restock: Boolean!,
      notifyCustomer: Boolean, refundMethod: OrderCancelRefundMethodInput): OrderCancelPayload
    orderUpdate(input: OrderInput!): OrderUpdatePayload
    orderEditBegin(id: ID!): OrderEditBeginPayload
    orderEditSetQuantity(id: ID!, lineItemId: ID!, quantity: Int!, restock: Boolean): OrderEditSetQuantityPayload
    orderEditAddVariant(id: ID!, variantId: ID!, quantity: Int!, allowDuplicates: Boolean): OrderEditAddVariantPayload
    orderEditCommit(id: ID!, notifyCustomer: Boolean, staffNote: String): OrderEditCommitPayload
    returnRequest(input: ReturnRequestInput!): ReturnRequestPayload
    returnCreate(returnInput: ReturnInput!): ReturnCreatePayload
    customerAddressCreate(customerId: ID!, address: MailingAddressInput!, setAsDefault: Boolean): CustomerAddressCreatePayload
  }
`);
