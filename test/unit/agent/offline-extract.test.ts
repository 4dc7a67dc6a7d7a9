import { describe, expect, it } from 'vitest';
import { addressIn, orderNumberIn } from '../../../src/agent/offline/extract.js';

describe('order numbers in what a customer writes', () => {
  it.each([
    ['where is order NW-100123?', 'NW-100123'],
    ['order nw-100123 please', 'NW-100123'],
    ["I'm yusuf@example.com, my order is #W2378156", '#W2378156'],
    ['订单号#W2378156', '#W2378156'],
    ['cancel #1001', '#1001'],
    ['(#w2378156)', '#W2378156'],
  ])('%s', (text, expected) => {
    expect(orderNumberIn(text)).toBe(expected);
  });

  it.each([
    'is SKU-12 in stock?',
    'the #1 hiking boot',
    'colour #fff',
    'page&#39;s',
    'no number here',
  ])('finds none in %s', (text) => {
    expect(orderNumberIn(text)).toBeUndefined();
  });
});

describe('an address after an order number', () => {
  it('does not take a #-style order number for the house number', () => {
    expect(addressIn('Please send order #1007 to 77 Lakeview Dr, Boise, ID 83702')).toMatchObject({
      line1: '77 Lakeview Dr',
      city: 'Boise',
      postalCode: '83702',
    });
  });
});
