import type { OutboundMessage, ProductCard, QuickReply } from '../../domain/outbound.js';
import { absoluteImageUrl } from '../adapter.js';
import { toSlackMrkdwn } from '../shared/markdown.js';
import { splitText } from '../shared/split-text.js';

/** A section's text may hold 3,000 characters. */
const SECTION_LIMIT = 3000;
export const BUTTON_ACTION_PREFIX = 'concierge:';
const STOCK_LABEL: Record<ProductCard['stock'], string> = {
  in_stock: ':large_green_circle: In stock',
  low: ':large_yellow_circle: Only a few left',
  out_of_stock: ':red_circle: Out of stock',
};

export type Block = { type: string; [key: string]: unknown };
export interface SlackPost {
  /** The notification and screen-reader text; the blocks are what people see. */
  text: string;
  blocks: Block[];
}

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function productBlock(card: ProductCard, publicUrl: string | null): Block {
  const image = absoluteImageUrl(publicUrl, card.imageUrl);
  const lines = [`*${toSlackMrkdwn(card.name)}*`, `${card.price} · ${STOCK_LABEL[card.stock]}`];
  if (card.reason) lines.push(`_${toSlackMrkdwn(card.reason)}_`);
  return {
    ...section(lines.join('\n')),
    ...(image ? { accessory: { type: 'image', image_url: image, alt_text: card.name } } : {}),
  };
}

function buttons(replies: QuickReply[]): Block {
  return {
    type: 'actions',
    block_id: 'concierge_quick_replies',
    elements: replies.map((reply) => ({
      type: 'button',
      action_id: `${BUTTON_ACTION_PREFIX}${reply.id}`,
      text: { type: 'plain_text', text: reply.label },
      value: reply.text,
      ...(reply.id === 'confirm' ? { style: 'primary' } : {}),
    })),
  };
}

/**
 * A reply as Slack messages: the text (split where it is too long for one section), then the
 * product cards and the buttons under the last piece.
 */
export function renderSlackReply(message: OutboundMessage, publicUrl: string | null): SlackPost[] {
  const pieces = splitText(toSlackMrkdwn(message.text), SECTION_LIMIT);
  if (pieces.length === 0) pieces.push(' ');
  return pieces.map((piece, index) => {
    const blocks = [section(piece)];
    if (index === pieces.length - 1) {
      if (message.cards.length > 0) blocks.push({ type: 'divider' });
      blocks.push(...message.cards.map((card) => productBlock(card, publicUrl)));
      if (message.quickReplies.length > 0) blocks.push(buttons(message.quickReplies));
    }
    return { text: piece, blocks };
  });
}

/** The buttons' message after a press: the buttons give way to a note of what was chosen. */
export function afterPress(blocks: Block[], chosenLabel: string): Block[] {
  return [
    ...blocks.filter((block) => block.type !== 'actions'),
    { type: 'context', elements: [{ type: 'mrkdwn', text: `:white_check_mark: ${chosenLabel}` }] },
  ];
}
