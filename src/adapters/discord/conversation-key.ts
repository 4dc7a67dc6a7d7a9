/**
 * A Discord conversation is one user in one channel (a DM, or a guild channel where they
 * mention the bot): in a shared channel each person has their own verified conversation.
 */
export function discordConversationKey(channelId: string, userId: string): string {
  return `${channelId}:${userId}`;
}

export function channelOfKey(key: string): string {
  const [channelId, userId] = key.split(':');
  if (!channelId || !userId) throw new Error(`not a Discord conversation key: ${key}`);
  return channelId;
}

/** The customer's words without the mentions Discord embeds as <@id>, <@&role>, <#channel>. */
export function plainDiscordText(content: string): string {
  return content
    .replace(/<(@[!&]?|#)\d+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}
