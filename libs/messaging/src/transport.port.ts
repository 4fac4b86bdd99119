/**
 * The transport port: delivers one envelope and resolves only once the write is durable
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
  recipientSor: string;
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
}

export interface MessageTransport {
  readonly name: string;
  deliver(envelope: OutboundEnvelope): Promise<void>;
  /** Publishes one status-feed entry; resolves once it is durable (same guarantee as deliver). */
  publishStatus(entry: StatusFeedEntry): Promise<void>;
  close(): Promise<void>;
}

export const MESSAGE_TRANSPORT = Symbol('MESSAGE_TRANSPORT');
