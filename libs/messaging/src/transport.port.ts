/**
 * The transport port: delivers envelopes and answers only once each write is durable
 * (file renamed into place; Kafka acks from all in-sync replicas). Kafka and the drop folder
 * sit behind it, so another client can replace kafkajs later.
 */

export interface OutboundEnvelope {
  /** New for every send, resends included (MedCom: Bundle.id). */
  envelopeId: string;
  /** Stable across resends: receivers drop duplicates by it (MedCom: MessageHeader.id). */
  messageId: string;
  kind: string;
  schemaVersion: number;
  patientId: string;
  /** The addressee (for a section: the addressee of the letter it belongs in). */
  recipientSor: string;
  /** Where it is delivered: the recipient, or for an epikrise or udskrivningsrapport section the discharging site whose EHR writes the letter. */
  deliverToSor: string;
  /** The serialized message (JSON document, or a FHIR Bundle for korrespondancemeddelelser). */
  body: string;
}

/** R7.3b one entry of the status feed: a change of a patient's status (no CPR). */
export interface StatusFeedEntry {
  position: number;
  patientId: string;
  causedBy: string;
  at: string;
  status: unknown;
  /** R7.3b 'time': time alone made the change (no event); `causedBy` is then the patient's last event. */
  by?: 'time';
}

export interface MessageTransport {
  readonly name: string;
  /**
   * Delivers a batch and answers each envelope's outcome in order: null once it is durable, or
   * why it was not delivered. One envelope failing (a recipient's folder) never fails the others.
   */
  deliverAll(envelopes: readonly OutboundEnvelope[]): Promise<Array<Error | null>>;
  /**
   * Publishes status-feed entries in order, as one batch; resolves once all are durable (the same
   * guarantee as deliver), rejects when any is not — then the caller retries the batch (a follower
   * may see an entry twice, under the same position and causedBy, never out of order).
   */
  publishStatuses(entries: readonly StatusFeedEntry[]): Promise<void>;
  close(): Promise<void>;
}

export const MESSAGE_TRANSPORT = Symbol('MESSAGE_TRANSPORT');
