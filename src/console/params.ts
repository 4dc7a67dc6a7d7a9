import { z } from 'zod';

/** The `:id` of a console route (a conversation or an escalation). */
export const idParam = z.object({ id: z.string().min(1).max(128) });
