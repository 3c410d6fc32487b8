/** What webhooks need from persistence: endpoints, and the outbox the delivery worker drains. */

export interface NewEndpoint {
  id: string;
  workspaceId: string;
  url: string;
  description: string | null;
  secret: string;
  createdAt: Date;
}

/** A delivery whose attempt this worker now owns, until its lease ends. */
export interface ClaimedDelivery {
  id: string;
  leaseId: string;
  endpointId: string;
  url: string;
  secret: string;
  eventId: string;
  payload: string;
  /** Attempts made before this one. */
  attempts: number;
}

/** What an attempt leaves a delivery with. */
export interface AttemptRecord {
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  lastAttemptAt: Date;
  nextAttemptAt: Date | null;
  responseStatus: number | null;
  lastError: string | null;
}

export interface WebhookStore {
  createEndpoint(endpoint: NewEndpoint): Promise<void>;
  countEndpoints(workspaceId: string): Promise<number>;
  /** Deletes the endpoint with its deliveries; false when the workspace has none with that id. */
  deleteEndpoint(workspaceId: string, id: string): Promise<boolean>;
  /**
   * Takes up to `limit` due deliveries of enabled endpoints for one attempt each,
   * leased until `leaseEnds`: none is given to two workers at once, and per
   * endpoint a contact's delivery is given only once every earlier one of that
   * contact has ended (succeeded or failed).
   */
  claimDue(now: Date, limit: number, leaseId: string, leaseEnds: Date): Promise<ClaimedDelivery[]>;
  /** Records an attempt's outcome, unless the lease has passed to another worker meanwhile; false then. */
  recordAttempt(id: string, leaseId: string, record: AttemptRecord): Promise<boolean>;
  /**
   * Stops sending to an endpoint (it answered 410): it is disabled, and its pending
   * deliveries but `answered` (the one that got the 410, recorded by its worker) fail.
   */
  disableEndpoint(id: string, reason: string, at: Date, answered: string): Promise<void>;
  /** When the oldest pending delivery was enqueued; null when none is pending. */
  oldestPending(): Promise<Date | null>;
}
