/**
 * How contacts are found, always inside one workspace. An id that does not
 * exist, belongs to another workspace or is malformed simply matches nothing.
 */
import { emailKey } from './fields.js';

export const contactWhere = {
  id: (workspaceId: string, id: string) => ({ workspaceId, id }),
  trackingId: (workspaceId: string, trackingId: string) => ({ workspaceId, trackingId }),
  /** Case-insensitive, through the normalised key column. */
  email: (workspaceId: string, email: string) => ({ workspaceId, emailKey: emailKey(email.trim()) }),
};
