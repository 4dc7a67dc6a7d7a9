import {
  type OutboundMessage,
  type ProductCard,
  QUICK_REPLY_IDS,
  type QuickReply,
} from '../../domain/outbound.js';
import { absoluteImageUrl } from '../adapter.js';
import { splitText } from '../shared/split-text.js';

/** A message's content may hold 2,000 characters. */
const CONTENT_LIMIT = 2000;
export const BUTTON_ID_PREFIX = 'concierge:';
const STOCK: Record<ProductCard['stock'], { label: string; color: number }> = {
  in_stock: { label: '🟢 In stock', color: 0x2e7d32 },
  low: { label: '🟡 Only a few left', color: 0xf9a825 },
  out_of_stock: { label: '🔴 Out of stock', color: 0xc62828 },
};
/** Green for yes, blue for a person, grey for the rest. */
const BUTTON_STYLE: Partial<Record<QuickReply['id'], number>> = { confirm: 3, human: 1 };
const SECONDARY = 2;

/** Nobody is ever pinged by the bot: not @everyone, @here, roles, nor the person it answers. */
const NO_PINGS: string[] = [];
export const NO_MENTIONS = { parse: NO_PINGS, replied_user: false };

/** The REST body of one Discord message. */
export interface DiscordPost {
  content: string;
  embeds?: Record<string, unknown>[];
  components?: Record<string, unknown>[];
  allowed_mentions: typeof NO_MENTIONS;
}

function embed(card: ProductCard, publicUrl: string | null): Record<string, unknown> {
  const image = absoluteImageUrl(publicUrl, card.imageUrl);
  return {
    title: card.name.slice(0, 256),
    color: STOCK[card.stock].color,
    ...(card.reason ? { description: card.reason.slice(0, 4096) } : {}),
    fields: [
      { name: 'Price', value: card.price, inline: true },
      { name: 'Stock', value: STOCK[card.stock].label, inline: true },
    ],
    ...(image ? { thumbnail: { url: image } } : {}),
  };
}

/** A button's custom id carries the message it sends; Discord allows 100 characters. */
export function buttonId(reply: QuickReply): string {
  return `${BUTTON_ID_PREFIX}${reply.id}:${reply.text}`.slice(0, 100);
}

export function textOfButton(customId: string): string | null {
  const match = /^concierge:([a-z_0-9]+):(.+)$/s.exec(customId);
  if (!match || !(QUICK_REPLY_IDS as readonly string[]).includes(match[1] ?? '')) return null;
  return match[2] ?? null;
}

/** A reply as Discord messages: the text in pieces, embeds and buttons with the last one. */
export function renderDiscordReply(
  message: OutboundMessage,
  publicUrl: string | null,
): DiscordPost[] {
  const pieces = splitText(message.text, CONTENT_LIMIT);
  if (pieces.length === 0) pieces.push('…');
  return pieces.map((content, index) => {
    if (index < pieces.length - 1) return { content, allowed_mentions: NO_MENTIONS };
    return {
      content,
      allowed_mentions: NO_MENTIONS,
      ...(message.cards.length > 0
        ? { embeds: message.cards.slice(0, 10).map((card) => embed(card, publicUrl)) }
        : {}),
      ...(message.quickReplies.length > 0
        ? {
            components: [
              {
                type: 1,
                components: message.quickReplies.map((reply) => ({
                  type: 2,
                  style: BUTTON_STYLE[reply.id] ?? SECONDARY,
                  label: reply.label.slice(0, 80),
                  custom_id: buttonId(reply),
                })),
              },
            ],
          }
        : {}),
    };
  });
}
