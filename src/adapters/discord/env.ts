import { z } from 'zod';

export const discordEnv = {
  DISCORD_BOT_TOKEN: z.string().min(20, 'expected a Discord bot token').optional(),
  DISCORD_API_URL: z.url({ error: 'expected a URL such as https://discord.com/api' }).optional(),
};
type DiscordEnv = z.infer<z.ZodObject<typeof discordEnv>>;

export interface DiscordConfig {
  botToken: string;
  apiUrl: string | undefined;
}

/** Discord runs when its bot token is set. */
export function discordConfig(e: DiscordEnv): DiscordConfig | null {
  return e.DISCORD_BOT_TOKEN ? { botToken: e.DISCORD_BOT_TOKEN, apiUrl: e.DISCORD_API_URL } : null;
}
