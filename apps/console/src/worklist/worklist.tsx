/**
 * Arbejdsliste: the handover messages the caller's organisation sends or receives (GET /v1/outbox,
 * scoped by the service), those needing someone first — with the reason and the number to phone —
 * a receipt given by phone recorded in two clicks, the counts, and the status feed as it arrives.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api/client';
import type { OutboxView } from '../api/types';
import type { Person } from '../session';
import { DELIVERY_STATE_IN_DANISH, ESCALATION_IN_DANISH, inDanish, MESSAGE_KIND_IN_DANISH, RECEIPT_IN_DANISH } from '../words/danish';
import { problemInDanish } from '../words/problems';
import { whenInDanish } from '../words/time';
import { StatusFeed } from './status-feed';

const PAGE = 200;

export function Worklist({ api, person, onOpenPatient }: { api: Api; person: Person; onOpenPatient: (patientId: string, name: string | null) => void }) {
  const [messages, setMessages] = useState<OutboxView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [refreshed, setRefreshed] = useState(0);

  useEffect(() => {
    void (async () => {
      const answer = await api.get<OutboxView[]>(`/v1/outbox?limit=${PAGE}`);
      if (!answer.ok) return setFailure(problemInDanish(answer.problem));
      setFailure(null);
      setMessages(answer.body);
    })();
  }, [refreshed]);

  const counts = countByState(messages ?? []);
  const ordered = [...(messages ?? [])].sort((a, b) => Number(b.state === 'escalated') - Number(a.state === 'escalated'));
  return (
    <div class="worklist">
      <h2>Arbejdsliste for {person.orgName ?? `organisation med SOR-id ${person.org}`}</h2>
      {failure && <p class="form-error" role="alert">Arbejdslisten kunne ikke hentes: {failure}</p>}
      {messages && (
        <>
          <ul class="counts" aria-label="Antal meddelelser">
            <li><strong>{counts.escalated}</strong> kræver handling</li>
            <li><strong>{counts.pending}</strong> afventer afsendelse</li>
            <li><strong>{counts.sent}</strong> sendt, afventer kvittering</li>
            <li><strong>{counts.acknowledged}</strong> kvitteret</li>
          </ul>
          <p><button type="button" onClick={() => setRefreshed((n) => n + 1)}>Opdatér</button></p>
          {ordered.length === 0 ? <p>Ingen meddelelser for organisationen.</p> : (
            <ol class="messages">
              {ordered.map((m) => <MessageItem key={m.messageId} api={api} message={m} onChanged={() => setRefreshed((n) => n + 1)} onOpenPatient={onOpenPatient} />)}
            </ol>
          )}
        </>
      )}
      <StatusFeed api={api} person={person} onOpenPatient={onOpenPatient} />
    </div>
  );
}

function countByState(messages: OutboxView[]): Record<OutboxView['state'], number> {
  const counts = { pending: 0, sent: 0, acknowledged: 0, failed: 0, escalated: 0 };
  for (const m of messages) counts[m.state] = (counts[m.state] ?? 0) + 1;
  return counts;
}

function MessageItem({ api, message: m, onChanged, onOpenPatient }: { api: Api; message: OutboxView; onChanged: () => void; onOpenPatient: (patientId: string, name: string | null) => void }) {
  const phone = m.escalation?.phone ?? m.recipient.phone;
  const patientName = m.document?.patient?.name ?? m.payload?.patient?.name ?? null;
  const headingId = `message-${m.messageId}`;
  return (
    <li class={`message ${m.state}`} aria-labelledby={headingId}>
      <h3 id={headingId}>{inDanish(MESSAGE_KIND_IN_DANISH, m.kind, 'Meddelelse')} til {m.recipient.name}</h3>
      {m.escalation && (
        <p class="escalation"><strong>{inDanish(ESCALATION_IN_DANISH, m.escalation.reason, 'Kræver handling')}</strong> (siden {whenInDanish(m.escalation.since)}).
          {phone ? <> Ring: <a href={`tel:${phone.replace(/\s/g, '')}`} class="phone">{phone}</a></> : ' Intet telefonnummer kendt: find modtageren i stedregistret.'}
        </p>
      )}
      <dl class="facts">
        <dt>Patient</dt><dd>{patientName ?? 'navn ikke i meddelelsen'} <button type="button" class="link" onClick={() => onOpenPatient(m.patientId, patientName)}>Åbn tidslinje</button></dd>
        <dt>Tilstand</dt><dd>{inDanish(DELIVERY_STATE_IN_DANISH, m.state, 'ukendt')}{m.attempts ? `, ${m.attempts} forsøg` : ''}</dd>
        <dt>Oprettet</dt><dd>{whenInDanish(m.createdAt)}</dd>
        {m.receipt && <><dt>Kvittering</dt><dd>{inDanish(RECEIPT_IN_DANISH, m.receipt.outcome, 'kvittering')} {whenInDanish(m.receipt.at)}{m.receipt.detail ? ` – ${m.receipt.detail}` : ''}</dd></>}
      </dl>
      {m.state !== 'acknowledged' && m.lastSentAt && <PhoneReceipt api={api} message={m} onRecorded={onChanged} />}
    </li>
  );
}

/** A receipt given by phone: the sending organisation's staff record it (api.md; R7.6: a reply, not silence). */
function PhoneReceipt({ api, message, onRecorded }: { api: Api; message: OutboxView; onRecorded: () => void }) {
  const [open, setOpen] = useState(false);
  const [detail, setDetail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const id = `receipt-${message.messageId}`;

  const record = async (event: Event) => {
    event.preventDefault();
    const answer = await api.post(`/v1/outbox/${message.messageId}/acknowledgements`, {
      outcome: 'ok', at: new Date().toISOString(), detail: detail.trim() ? `Kvitteret pr. telefon: ${detail.trim()}` : 'Kvitteret pr. telefon',
    });
    if (!answer.ok) return setError(problemInDanish(answer.problem));
    onRecorded();
  };

  if (!open) return <button type="button" onClick={() => setOpen(true)}>Registrér kvittering givet pr. telefon</button>;
  return (
    <form class="phone-receipt" method="post" onSubmit={record}>
      <label for={`${id}-detail`}>Hvem bekræftede modtagelsen? (valgfrit)</label>
      <input id={`${id}-detail`} type="text" maxLength={500} value={detail} onInput={(e) => setDetail((e.target as HTMLInputElement).value)} />
      <button type="submit" class="primary">Modtagelsen er bekræftet pr. telefon</button>
      {error && <p class="form-error" role="alert">{error}</p>}
    </form>
  );
}
