/** "$19.99" for 1999 USD cents; other currencies as "19.99 EUR". */
export function formatMoney(cents: number, currency = 'USD'): string {
  const amount = (cents / 100).toFixed(2);
  return currency === 'USD' ? `$${amount}` : `${amount} ${currency}`;
}
