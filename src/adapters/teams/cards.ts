import type { Activity, Attachment } from 'botbuilder';
import type { OutboundMessage, ProductCard, QuickReply } from '../../domain/outbound.js';
import { absoluteImageUrl } from '../adapter.js';
import { toTeamsMarkdown } from '../shared/markdown.js';
import { splitText } from '../shared/split-text.js';

/** Teams takes about 28 KB per message; pieces stay well under it. */
const TEXT_LIMIT = 7000;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const STOCK: Record<ProductCard['stock'], { label: string; color: string }> = {
  in_stock: { label: 'In stock', color: 'Good' },
  low: { label: 'Only a few left', color: 'Warning' },
  out_of_stock: { label: 'Out of stock', color: 'Attention' },
};

/** What an Action.Submit of ours sends back in `activity.value`. */
export interface SubmitValue {
  conciergeText: string;
  conciergeReply: QuickReply['id'];
}

function card(body: unknown[], actions: unknown[] = []): Attachment {
  return {
    contentType: ADAPTIVE_CARD,
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.4',
      body,
      ...(actions.length > 0 ? { actions } : {}),
    },
  };
}

function productCard(product: ProductCard, publicUrl: string | null): Attachment {
  const image = absoluteImageUrl(publicUrl, product.imageUrl);
  const details = [
    { type: 'TextBlock', text: product.name, weight: 'Bolder', wrap: true },
    { type: 'TextBlock', text: product.price, spacing: 'None' },
    {
      type: 'TextBlock',
      text: STOCK[product.stock].label,
      color: STOCK[product.stock].color,
      spacing: 'None',
    },
    ...(product.reason
      ? [{ type: 'TextBlock', text: product.reason, isSubtle: true, wrap: true }]
      : []),
  ];
  return card([
    {
      type: 'ColumnSet',
      columns: [
        ...(image
          ? [
              {
                type: 'Column',
                width: 'auto',
                items: [{ type: 'Image', url: image, size: 'Medium', altText: product.name }],
              },
            ]
          : []),
        { type: 'Column', width: 'stretch', items: details },
      ],
    },
  ]);
}

function buttonsCard(replies: QuickReply[]): Attachment {
  return card(
    [],
    replies.map((reply) => ({
      type: 'Action.Submit',
      title: reply.label,
      ...(reply.id === 'confirm' ? { style: 'positive' } : {}),
      data: { conciergeText: reply.text, conciergeReply: reply.id } satisfies SubmitValue,
    })),
  );
}

/** A reply as Teams activities: the text in pieces, then product cards and buttons. */
export function renderTeamsReply(
  message: OutboundMessage,
  publicUrl: string | null,
): Partial<Activity>[] {
  const pieces = splitText(toTeamsMarkdown(message.text), TEXT_LIMIT);
  const activities: Partial<Activity>[] = pieces.map((text) => ({
    type: 'message',
    text,
    textFormat: 'markdown',
  }));
  const attachments = [
    ...message.cards.map((product) => productCard(product, publicUrl)),
    ...(message.quickReplies.length > 0 ? [buttonsCard(message.quickReplies)] : []),
  ];
  const last = activities.at(-1);
  if (attachments.length > 0 && last) {
    last.attachments = attachments;
    if (message.cards.length > 1) last.attachmentLayout = 'carousel';
  }
  return activities;
}
