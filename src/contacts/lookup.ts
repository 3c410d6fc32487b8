/**
 * How contacts are found, always inside one workspace. An id or key that does
 * not exist, belongs to another workspace or is malformed simply matches nothing.
 */
import { emailKey } from './fields.js';

/**
 * Stored values never hold NUL or broken Unicode (validation refuses them), and
 * PostgreSQL cannot even receive them: such a key matches nothing, unasked.
 */
const canMatch = (value: string) => value.isWellFormed() && !value.includes('\u0000');

export const contactWhere = {
  id: (workspaceId: string, id: string) => (canMatch(id) ? { workspaceId, id } : null),
  trackingId: (workspaceId: string, trackingId: string) => (canMatch(trackingId) ? { workspaceId, trackingId } : null),
  /** Case-insensitive, through the normalised key column. */
  email: (workspaceId: string, email: string) => (canMatch(email) ? { workspaceId, emailKey: emailKey(email.trim()) } : null),
};
