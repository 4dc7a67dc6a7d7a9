/**
 * The channels a conversation can come from. Each has its adapter module in
 * `src/adapters/<channel>/`, listed in `src/adapters/registry.ts`, which the compiler holds to
 * this list (a channel without a module, or a module without a channel, does not build).
 */
export const CHANNELS = ['slack', 'discord', 'teams', 'webchat'] as const;
export type Channel = (typeof CHANNELS)[number];
