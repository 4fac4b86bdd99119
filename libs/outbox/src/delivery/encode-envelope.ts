/**
 * What goes on the wire: a korrespondancemeddelelse as a MedCom CareCommunication Bundle to its
 * recipient; an epikrise or udskrivningsrapport as the JSON section, with its envelope, to the
 * discharging site whose EHR writes the letter (`deliverTo`; the letter's addressee stays
 * `recipient`).
 */
import { AddressedMessage, careCommunicationBundle } from '@dnr/domain';
import { OutboundEnvelope } from '@dnr/messaging';

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
    deliverToSor: message.deliverTo?.sor ?? message.recipient.sor,
    body: JSON.stringify(body),
  };
}
