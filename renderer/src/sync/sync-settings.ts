import type { TeamOrigin } from '@shared/sync/verify-incoming';
import { z } from 'zod';

/**
 * Where this device syncs and as whom: the server's address, the database and this device's CouchDB user, as an
 * administrator's invitation gives them. Kept sealed in the vault (meta row `sync`), never in clear.
 */
export const syncSettingsSchema = z.object({
  server: z.string().max(500),
  database: z.string().regex(/^[a-z][a-z0-9_$()+/-]{0,127}$/),
  user: z.string().min(1).max(200),
  password: z.string().min(1).max(500),
});
export type SyncSettings = z.infer<typeof syncSettingsSchema>;

/** The state kept beside the settings: what of this device's chain the server has confirmed. */
export interface SyncState {
  settings: SyncSettings | null;
  /** Hex; makes document ids that the server cannot link to a device or a position in its chain. */
  salt: string;
  /** The last sequence number of this device's chain that the server has acknowledged. */
  sentUpTo: number;
  /** Where this device stands in the server's changes feed: everything before it was judged here. */
  pulledSince?: string | number;
  paused: boolean;
  /**
   * Where the team began: for a copy that joined, what its invitation said; for the founding copy, itself and
   * its first administrator's key, found in its chain once and kept.
   */
  origin?: TeamOrigin;
}
