import { formatMoney } from '../domain/money.js';
import type { Order } from '../domain/retail.js';

/** What a customer may see of their own order: no internal ids, dates as ISO days. */
export function orderView(order: Order) {
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const dayIfAny = (d: Date | null | undefined) => (d ? day(d) : null);
  return {
    orderNumber: order.orderNumber,
    status: order.status,
    placedOn: day(order.placedAt),
    total: formatMoney(order.totalCents, order.currency),
    items: order.items.map((i) => ({
      name: i.name,
      sku: i.sku,
      size: i.size,
      colour: i.colour,
      quantity: i.quantity,
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
    shipTo: `${order.shippingAddress.line1}, ${order.shippingAddress.city}`,
    returnRequest: order.returnRequest
      ? { kind: order.returnRequest.kind, requestedOn: day(order.returnRequest.requestedAt) }
      : null,
  };
}

export type OrderView = ReturnType<typeof orderView>;
