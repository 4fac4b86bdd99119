/** What goes on the wire: the document with its envelope; korrespondancemeddelelser as a MedCom FHIR Bundle. */
import { AddressedMessage } from '@dnr/domain';
import { OutboundEnvelope } from '@dnr/messaging';
import { careCommunicationBundle } from '@dnr/domain';

export function encodeEnvelope(message: AddressedMessage, envelopeId: string): OutboundEnvelope {
  const body = message.kind === 'korrespondancemeddelelse'
    ? careCommunicationBundle(message, envelopeId)
    : { envelopeId, document: message };
  return {
    envelopeId,
    messageId: message.messageId,
    kind: message.kind,
    schemaVersion: message.schemaVersion,
    patientId: message.patientId,
    recipientSor: message.recipient.sor,
    body: JSON.stringify(body),
  };
}
