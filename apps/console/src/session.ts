/** Who is signed in (read from the token for display only: the service verifies it) and the patient on screen. */
import type { Role } from '@dnr/domain';
import type { StatusAnswer } from './api/types';

export interface Person {
  name: string;
  role: Role;
  org: string;
  orgName?: string;
}

export interface PatientContext {
  patientId: string;
  /** The name recorded at registration (null until known, e.g. a patient opened from the status feed). */
  name: string | null;
  /** Kept in memory only, for the printed summary, when it was typed in this session; never in a URL, storage or history. */
  cpr?: string;
}

export interface PatientState {
  patient: PatientContext;
  status: StatusAnswer | null;
}

/** The token's claims, unverified: what the header shows. */
export function personIn(token: string): Person | null {
  try {
    const payload = JSON.parse(new TextDecoder().decode(base64UrlDecode(token.split('.')[1] ?? '')));
    if (typeof payload.name !== 'string' || typeof payload.role !== 'string' || typeof payload.org !== 'string') return null;
    return { name: payload.name, role: payload.role, org: payload.org, ...(typeof payload.orgName === 'string' ? { orgName: payload.orgName } : {}) };
  } catch {
    return null;
  }
}

export function base64UrlDecode(text: string): Uint8Array {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(text.length / 4) * 4, '=');
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export const CLINICIANS: readonly Role[] = ['physician', 'nurse'];
