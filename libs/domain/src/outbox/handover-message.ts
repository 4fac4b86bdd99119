/**
 * What the outbox owes (handover-messages.md). Every message is this versioned JSON document:
 * - a korrespondancemeddelelse goes to its recipient as a MedCom CareCommunication Bundle
 *   (care-communication.ts), in the CareCommunication thread with that recipient (care-thread.ts);
 * - an epikrise or udskrivningsrapport is a section for the discharging EHR, delivered to
 *   `deliverTo` (the sending site) for the letter to `recipient` — where each field goes in XDIS01
 *   or XDIS18 is documented in letter-section.ts.
 */
import { AttemptCprReason, Flag, InstrumentKind, Recorder, Status } from '../status/resuscitation-status';
import { CalendarDate } from '../time/danish-time';
import { Role, Site } from '../vocabulary/primitives';
import { CareThread } from './care-thread';
import { LetterSection } from './letter-section';
import { Addressee } from './addressee';

export const MESSAGE_KINDS = ['epikrise', 'udskrivningsrapport', 'korrespondancemeddelelse'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export const MESSAGE_SCHEMA_VERSION = 1;

export interface ResuscitationSection {
  status: Status;
  basis: InstrumentKind | null;
  statement: string;
  reason: AttemptCprReason | null;
  /** Why this answer, in clinical Danish (the status' explanation). */
  explanation: string;
  /** Who decided: `org` is the SOR; `orgName` the organisation's name where the record gives one. */
  decidedBy: { name: string; role: Role; org: string; orgName?: string } | null;
  decidedAt: string | null;
  grounds?: string[];
  illnessSituation?: { id: string; description: string };
  testament?: { kind: string; situation: string; binding: boolean };
  /** A register refusal that decides or is about to: the day it takes effect (R5.1). */
  registerEffectiveFrom?: CalendarDate;
  flags: Flag[];
  /** R7.4: whose decision it is and how it may change. */
  whoseDecision: string;
  howItMayChange: string;
  statusVersion: number;
}

export interface HandoverMessage {
  messageId: string;
  kind: MessageKind;
  schemaVersion: number;
  patientId: string;
  patient: { cpr: string; name: string };
  sender: Addressee;
  /** The letter's addressee; without a SOR or EAN the message waits, escalated, for its address (R7.3a). */
  recipient: Addressee;
  causedBy: string;
  createdAt: string;
  handover?: { handoverId: string; kind: string; at: string };
  resuscitation: ResuscitationSection;
  /** Danish plain text for a human reading the receiving EHR. */
  text: string;
  /** epikrise and udskrivningsrapport: where the section is delivered — the discharging site, whose EHR writes the letter to `recipient`. */
  deliverTo?: Addressee;
  /** epikrise and udskrivningsrapport: the ready text and where each field goes in the letter (letter-section.ts). */
  letter?: LetterSection;
  /** epikrise: follow-up recommended (R7.3). */
  followUp?: 'green';
  /** udskrivningsrapport: out-of-hours discharge — phone the receiving staff (R7.3). */
  phoneContactRequired?: boolean;
  /** epikrise and udskrivningsrapport: the decision placed under "Fremtidige aftaler". */
  futureArrangements?: string;
  /** The person who recorded the causing event: the message's author (MedCom: a person with a role). */
  author: Recorder;
  /** korrespondancemeddelelse: its CareCommunication thread as it stood before this message (care-thread.ts). */
  thread?: CareThread;
  /** korrespondancemeddelelse: the thread's latest MessageHeader, which this one replies to. */
  inReplyTo?: string;
}

/** A message whose sender and addressee are fully known (SOR, EAN, name): it can be encoded and sent. */
export type AddressedMessage = HandoverMessage & { sender: Site; recipient: Site };
