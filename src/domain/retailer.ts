/** Who the bot speaks for: configuration (`STORE_NAME`, ...), not code. */
export interface Retailer {
  storeName: string;
  /** Where customers can write besides the chat; null when the retailer gives none. */
  supportEmail: string | null;
  /** The retailer's help or contact page; null when none. */
  supportUrl: string | null;
}

/** The demo shop the embedded default serves. */
export const DEMO_RETAILER: Retailer = {
  storeName: 'Northwind Outfitters',
  supportEmail: null,
  supportUrl: null,
};
