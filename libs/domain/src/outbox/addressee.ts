/**
 * Whom a message is for, as far as the record knows. A site named in a handover is fully known
 * (SOR, EAN, name). A site the record knows only from who recorded a decision has its SOR but
 * perhaps no EAN; a discharge that names no GP leaves the epikrise's addressee unknown. Such a
 * message is still owed and created — escalated until someone finds the address (R7.3a).
 */
import { Actor, Sector, Site } from '../vocabulary/primitives';

export interface Addressee {
  sector?: Sector;
  /** The SOR id; absent only when the record does not say who the addressee is. */
  sor?: string;
  /** The EAN location number (GLN); absent when the record does not know it. */
  ean?: string;
  name: string;
  phone?: string;
}

/** The organisation that recorded an event: its SOR is always known, its EAN is looked up at send time (R7.3a). */
export function organisationOf(by: Actor): Addressee {
  return { ...(by.sector ? { sector: by.sector } : {}), sor: by.org, name: by.orgName ?? `SOR ${by.org}` };
}

/** R7.3a: a discharge that names no GP still owes the epikrise; it is escalated until the GP is found. */
export const GENERAL_PRACTITIONER_NOT_GIVEN: Addressee = {
  sector: 'general_practice',
  name: 'Patientens praktiserende læge (ikke oplyst ved udskrivelsen)',
};

export const isSite = (a: Addressee): a is Site => a.sor !== undefined && a.ean !== undefined && a.sector !== undefined;
