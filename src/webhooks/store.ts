/** What webhooks need from persistence: endpoints, and the outbox the delivery worker fills from the feed and drains. */

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

/** A delivery as the endpoint's listing shows it. */
export interface OwedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED';
  attempts: number;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date | null;
  responseStatus: number | null;
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
   * Makes deliveries of the changes each enabled endpoint is owed (its workspace's
   * feed past its position), a bounded number ahead of what has been attempted;
   * answers how many it made.
   */
  enqueueOwed(): Promise<number>;
  /**
   * The newest `limit` changes the endpoint is owed and has not enqueued yet, as the
   * pending deliveries they will be (with the same ids); none once it is disabled.
   */
  owedDeliveries(endpointId: string, limit: number): Promise<OwedDelivery[]>;
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
