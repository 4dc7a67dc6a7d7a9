import type { Collection } from 'mongodb';
import type { StockAlert } from '../../domain/stock-alert.js';
import type { StockAlerts } from '../../ports/insights.js';
import type { CollectionSpec } from '../collection-spec.js';
import { insertOnce } from './duplicate-key.js';

type AlertDoc = StockAlert & { _id: string };

export const stockAlertsSpec: CollectionSpec = {
  name: 'stock_alerts',
  indexes: [
    { key: { status: 1, createdAt: 1 }, name: 'waiting' },
    { key: { customerId: 1 }, name: 'customerId' },
  ],
};

export class StockAlertsRepository implements StockAlerts {
  constructor(private readonly collection: Collection<AlertDoc>) {}

  async subscribe(alert: StockAlert): Promise<boolean> {
    const existing = await this.collection.findOne({ _id: alert.alertId });
    if (existing?.status === 'waiting') return false;
    // A second "tell me" after a notice was sent waits again (under the same id).
    if (existing) await this.collection.deleteOne({ _id: alert.alertId, status: 'sent' });
    return (await insertOnce(this.collection, { ...alert, _id: alert.alertId })) === 'stored';
  }

  waiting(limit: number, skip = 0): Promise<StockAlert[]> {
    return this.collection
      .find({ status: 'waiting' }, { projection: { _id: 0 } })
      .sort({ createdAt: 1, _id: 1 })
      .skip(skip)
      .limit(limit)
      .toArray();
  }

  async markSent(alertId: string, at: Date): Promise<void> {
    await this.collection.updateOne({ _id: alertId }, { $set: { status: 'sent', sentAt: at } });
  }
}
