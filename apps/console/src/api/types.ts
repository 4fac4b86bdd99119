/** The answers the console reads, as api.md gives them (the status type is the domain's own). */
import type { Addressee, DeliveryState, EscalationReason, MessageKind, ReceiptOutcome, ResuscitationStatus, Role } from '@dnr/domain';

export type StatusAnswer = ResuscitationStatus;

export interface StatusLookup {
  patientId: string;
  name: string;
  status: StatusAnswer;
}

export interface Registration {
  patientId: string;
  nameDiffers?: boolean;
}

export interface CommandAnswer {
  eventId: string;
  patientId: string;
  version: number;
}

export interface Recorder {
  sub: string;
  name: string;
  role: Role;
  org: string;
}

export interface EventView {
  eventId: string;
  type: string;
  version: number;
  recordedAt: string;
  recordedBy: Recorder;
  data: Record<string, unknown>;
}

export interface LookupView {
  at: string;
  by: Recorder;
  /** null on a look-up by CPR that found nobody (made before the patient was registered). */
  status: StatusAnswer['status'] | null;
  version: number;
  /** false on such a look-up; absent on every answered read. */
  found?: false;
  /** On a registration of a CPR already recorded (it told the patientId and whether the name matched; no status). */
  via?: 'registration';
  askedAt?: string;
  askedKnownAt?: string;
  repeats?: number;
  since?: string;
  /** On a line closing a window of repeated reads: the earliest and latest moments they asked about. */
  repeatsAsked?: { at: { earliest: string; latest: string }; knownAt: { earliest: string; latest: string } };
}

export interface OutboxView {
  messageId: string;
  patientId: string;
  kind: MessageKind;
  /** The parties as the message was (or will be) addressed: before a send, a party the directory lacks may have no SOR id or EAN. */
  sender: Addressee;
  recipient: Addressee;
  /** On an epikrise or udskrivningsrapport: the discharging site whose EHR writes the letter. */
  deliverTo?: Addressee;
  createdAt: string;
  state: DeliveryState;
  attempts: number;
  lastSentAt?: string | null;
  /** Why it has not gone out, in the service's Danish (for UNADDRESSED: »kan ikke adresseres: mangler …«); null when nothing failed. */
  lastError?: string | null;
  receipt?: { outcome: ReceiptOutcome; at: string; detail?: string };
  escalation?: { reason: EscalationReason; since: string; phone?: string };
  /** For an epikrise or udskrivningsrapport the section; for a korrespondancemeddelelse the FHIR Bundle. */
  payload?: { patient?: { name?: string } } | null;
  /** The structured document the service keeps for every kind (with the patient's name); null where the caller may not see who it is. */
  document?: { patient?: { name?: string } } | null;
  /** True for a paramedic or care worker of the sending side: payload and document (CPR, name) are withheld. */
  identityWithheld?: boolean;
}

export interface FeedEntry {
  position: number;
  patientId: string;
  causedBy: string;
  at: string;
  status: StatusAnswer;
  /** R7.3b 'time': time alone made the change (a registered refusal taking effect), no new registration. */
  by?: 'time';
}
