/**
 * One message on the worklist: to whom, about which patient, where delivery stands — and, when
 * someone must act, why, what is missing, the number to phone, and what can be done from here
 * (complete the sites directory, record a receipt given by phone).
 */
import { useState } from 'preact/hooks';
import { WAITING_FOR_PREDECESSOR, type Site } from '@dnr/domain';
import type { Api } from '../api/client';
import type { OutboxView } from '../api/types';
import { CLINICIANS, type Person } from '../session';
import { DELIVERY_STATE_IN_DANISH, ESCALATION_IN_DANISH, inDanish, MESSAGE_KIND_IN_DANISH, RECEIPT_IN_DANISH } from '../words/danish';
import { whenInDanish } from '../words/time';
import { missingInDanish, missingOf, partyToComplete } from './missing';
import { PhoneReceipt } from './phone-receipt';
import { SiteForm } from './site-form';

export interface MessageActions {
  /** Something about the message changed here (a receipt): read the worklist again. */
  onChanged: () => void;
  onSiteSaved: (site: Site) => void;
  onOpenPatient: (patientId: string, name: string | null) => void;
}

export function MessageItem({ api, person, message: m, actions }: { api: Api; person: Person; message: OutboxView; actions: MessageActions }) {
  const patientName = m.document?.patient?.name ?? m.payload?.patient?.name ?? null;
  const headingId = `message-${m.messageId}`;
  return (
    <li class={`message ${m.state}`} aria-labelledby={headingId}>
      <h4 id={headingId}>{inDanish(MESSAGE_KIND_IN_DANISH, m.kind, 'Meddelelse')} til {m.recipient.name}</h4>
      {m.escalation && <EscalationNote message={m} escalation={m.escalation} />}
      {m.escalation?.reason === 'UNADDRESSED' && <DirectoryFix api={api} person={person} message={m} onSaved={actions.onSiteSaved} />}
      <dl class="facts">
        <dt>Patient</dt><dd>{patientName ?? 'navn ikke i meddelelsen'} <button type="button" class="link" onClick={() => actions.onOpenPatient(m.patientId, patientName)}>Åbn tidslinje</button></dd>
        <dt>Tilstand</dt><dd>{inDanish(DELIVERY_STATE_IN_DANISH, m.state, 'ukendt')}{m.attempts ? `, ${m.attempts} forsøg` : ''}</dd>
        <dt>Oprettet</dt><dd>{whenInDanish(m.createdAt)}</dd>
        {m.receipt && <><dt>Kvittering</dt><dd>{inDanish(RECEIPT_IN_DANISH, m.receipt.outcome, 'kvittering')} {whenInDanish(m.receipt.at)}{m.receipt.detail ? ` – ${m.receipt.detail}` : ''}</dd></>}
      </dl>
      {m.state !== 'acknowledged' && m.lastSentAt && <PhoneReceipt api={api} message={m} onRecorded={actions.onChanged} />}
    </li>
  );
}

/** Why someone must act, and the number to phone; for a message that cannot go out, what it waits for. */
function EscalationNote({ message: m, escalation }: { message: OutboxView; escalation: NonNullable<OutboxView['escalation']> }) {
  const phone = escalation.phone ?? m.recipient.phone;
  const missing = escalation.reason === 'UNADDRESSED' ? missingOf(m.lastError) : null;
  // The service's own Danish; any other lastError (a transport's) is not for this screen.
  const waiting = escalation.reason === 'UNDELIVERABLE' && m.lastError === WAITING_FOR_PREDECESSOR;
  return (
    <div class="escalation">
      <p><strong>{inDanish(ESCALATION_IN_DANISH, escalation.reason, 'Kræver handling')}</strong> (siden {whenInDanish(escalation.since)}).
        {phone ? <> Ring: <a href={`tel:${phone.replace(/\s/g, '')}`} class="phone">{phone}</a></> : ' Intet telefonnummer kendt: find modtageren i stedregistret.'}
      </p>
      {missing && <p class="missing">{missingInDanish(missing)}</p>}
      {waiting && <p class="missing">{WAITING_FOR_PREDECESSOR.charAt(0).toUpperCase()}{WAITING_FOR_PREDECESSOR.slice(1)}.</p>}
    </div>
  );
}

/** The directory entry an UNADDRESSED message waits for, filled in from here by those who keep the directory. */
function DirectoryFix({ api, person, message: m, onSaved }: { api: Api; person: Person; message: OutboxView; onSaved: (site: Site) => void }) {
  const [open, setOpen] = useState(false);
  const missing = missingOf(m.lastError);
  const party = missing ? partyToComplete(missing, [m.sender, m.recipient, m.deliverTo]) : null;
  if (!party) return null;
  if (!CLINICIANS.includes(person.role)) return <p class="hint">En læge eller sygeplejerske kan udfylde stedregistret.</p>;
  if (!open) return <button type="button" onClick={() => setOpen(true)}>Udfyld stedregistret</button>;
  return <SiteForm api={api} form={`site-${m.messageId}`} party={party} onSaved={onSaved} />;
}
