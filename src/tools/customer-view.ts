import { formatMoney } from '../domain/money.js';
import type { Address, Customer, PaymentMethod } from '../domain/retail.js';

/** "12 Main St, Apt 4, Seattle, WA 98101, US". */
export function addressLine(address: Address): string {
  const street = address.line2 ? `${address.line1}, ${address.line2}` : address.line1;
  return `${street}, ${address.city}, ${address.region} ${address.postalCode}, ${address.country}`;
}

function paymentMethodView(method: PaymentMethod) {
  switch (method.kind) {
    case 'card':
      return {
        id: method.methodId,
        kind: method.kind,
        brand: method.brand,
        lastFour: method.lastFour,
      };
    case 'paypal':
      return { id: method.methodId, kind: method.kind };
    case 'gift_card':
      return { id: method.methodId, kind: method.kind, balance: formatMoney(method.balanceCents) };
  }
}

/** What the verified customer may see of their own account. */
export function customerView(customer: Customer) {
  return {
    name: customer.name,
    email: customer.email,
    defaultAddress: customer.address ? addressLine(customer.address) : null,
    paymentMethods: Object.values(customer.paymentMethods).map(paymentMethodView),
  };
}

export type CustomerView = ReturnType<typeof customerView>;
