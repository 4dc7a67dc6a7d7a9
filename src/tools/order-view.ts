import { formatMoney } from '../domain/money.js';
import type { Order } from '../domain/retail.js';
import { addressLine } from './customer-view.js';

/** What a customer may see of their own order: no internal ids, dates as ISO days. */
export function orderView(order: Order) {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const dayIfAny = (d: Date | null | undefined) => (d ? day(d) : null);
  const money = (cents: number) => formatMoney(cents, order.currency);
  const request = order.returnRequest;
  return {
    orderNumber: order.orderNumber,
    status: order.status,
    placedOn: day(order.placedAt),
    total: money(order.totalCents),
    items: order.items.map((i) => ({
      name: i.name,
      productId: i.productId,
      sku: i.sku,
      options: i.options,
      quantity: i.quantity,
      unitPrice: money(i.unitPriceCents),
    })),
    shipment: order.shipment
      ? {
          carrier: order.shipment.carrier,
          trackingNumber: order.shipment.trackingNumber,
          shippedOn: day(order.shipment.shippedAt),
          estimatedDelivery: dayIfAny(order.shipment.estimatedDelivery),
          deliveredOn: dayIfAny(order.shipment.deliveredAt),
        }
      : null,
    fulfilments: order.fulfilments,
    payments: order.payments.map((p) => ({
      kind: p.kind,
      paymentMethodId: p.methodId,
      amount: money(p.amountCents),
    })),
    shipTo: addressLine(order.shippingAddress),
    cancelReason: order.cancelReason ?? null,
    returnRequest: request
      ? {
          kind: request.kind,
          items: request.lines,
          paymentMethodId: request.paymentMethodId,
          priceDifference:
            request.priceDifferenceCents === null ? null : money(request.priceDifferenceCents),
          requestedOn: day(request.requestedAt),
        }
      : null,
  };
}

export type OrderView = ReturnType<typeof orderView>;
