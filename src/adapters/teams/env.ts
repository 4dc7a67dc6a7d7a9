import { z } from 'zod';
import { flag } from '../../env-values.js';
import type { Need } from '../module.js';

export const teamsEnv = {
  TEAMS_ENABLED: flag.default(false),
  MICROSOFT_APP_ID: z.uuid({ error: "expected the bot's app id (a GUID)" }).optional(),
  MICROSOFT_APP_PASSWORD: z.string().min(1).optional(),
  MICROSOFT_APP_TENANT_ID: z.uuid({ error: 'expected a tenant id (a GUID)' }).optional(),
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      error: 'expected MultiTenant, SingleTenant or UserAssignedMSI',
    })
    .default('MultiTenant'),
};
type TeamsEnv = z.infer<z.ZodObject<typeof teamsEnv>>;

export interface TeamsConfig {
  appId: string | undefined;
  appPassword: string | undefined;
  tenantId: string | undefined;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
}

export function checkTeamsEnv(e: TeamsEnv, need: Need): void {
  need(
    Boolean(e.MICROSOFT_APP_ID) &&
      e.MICROSOFT_APP_TYPE !== 'UserAssignedMSI' &&
      !e.MICROSOFT_APP_PASSWORD,
    'MICROSOFT_APP_PASSWORD',
    'required with MICROSOFT_APP_ID',
  );
  need(
    e.MICROSOFT_APP_TYPE !== 'MultiTenant' && !e.MICROSOFT_APP_TENANT_ID,
    'MICROSOFT_APP_TENANT_ID',
    `required when MICROSOFT_APP_TYPE is ${e.MICROSOFT_APP_TYPE}`,
  );
}

/** Teams runs with an app id, or without authentication when TEAMS_ENABLED (for the emulator). */
export function teamsConfig(e: TeamsEnv): TeamsConfig | null {
  return e.TEAMS_ENABLED || e.MICROSOFT_APP_ID
    ? {
        appId: e.MICROSOFT_APP_ID,
        appPassword: e.MICROSOFT_APP_PASSWORD,
        tenantId: e.MICROSOFT_APP_TENANT_ID,
        appType: e.MICROSOFT_APP_TYPE,
      }
    : null;
}
