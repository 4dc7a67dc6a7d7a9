import { z } from 'zod';
import type { Channel } from '../domain/channel.js';
import { issueLines } from '../env-values.js';
import type { AdapterContext, PlatformAdapter } from './adapter.js';

/** Reports a variable's problem: `need(true, 'SLACK_BOT_TOKEN', 'required when ...')`. */
export type Need = (when: boolean, variable: string, message: string) => void;

/** A configured platform, ready to start. */
export interface PlatformStarter {
  channel: Channel;
  start(context: AdapterContext): Promise<PlatformAdapter>;
}

/** What reading a platform's variables gives: its configuration (null: not configured). */
export interface PlatformReading<C> {
  config: C | null;
  /** "VARIABLE: what is wrong", one per problem; empty when all is well. */
  issues: string[];
  starter: PlatformStarter | null;
}

/**
 * A platform as one module: the variables it reads, the configuration it makes of them (null
 * when it is not configured, so it does not start), and how it starts. The registry
 * (`registry.ts`) lists every module; configuration, the console's channel filter and start-up
 * all read the list, so adding a platform is its folder plus one registry line.
 */
export interface PlatformModule<Ch extends Channel, C> {
  channel: Ch;
  /** The environment variables it reads (the README's table lists each one). */
  variables: readonly string[];
  read(env: Record<string, string>): PlatformReading<C>;
}

export interface PlatformDefinition<Ch extends Channel, Shape extends z.ZodRawShape, C> {
  channel: Ch;
  /** Its environment variables, with their rules. */
  env: Shape;
  /** Rules that span variables (a token that needs its secret). */
  check?(env: z.infer<z.ZodObject<Shape>>, need: Need): void;
  configure(env: z.infer<z.ZodObject<Shape>>): C | null;
  /** Registers routes and its sender; loads the platform's SDK only when it starts. */
  start(config: C, context: AdapterContext): Promise<PlatformAdapter>;
}

/** A module from its definition: its variables are parsed with its own schema. */
export function platformModule<Ch extends Channel, Shape extends z.ZodRawShape, C>(
  definition: PlatformDefinition<Ch, Shape, C>,
): PlatformModule<Ch, C> {
  const schema = z.object(definition.env);
  return {
    channel: definition.channel,
    variables: Object.keys(definition.env),
    read(env) {
      const parsed = schema.safeParse(env);
      if (!parsed.success)
        return {
          config: null,
          starter: null,
          issues: issueLines(parsed.error),
        };
      const issues: string[] = [];
      definition.check?.(parsed.data, (when, variable, message) => {
        if (when) issues.push(`${variable}: ${message}`);
      });
      const config = issues.length === 0 ? definition.configure(parsed.data) : null;
      return {
        config,
        issues,
        starter:
          config === null
            ? null
            : {
                channel: definition.channel,
                start: (context) => definition.start(config, context),
              },
      };
    },
  };
}
