/**
 * Arbejdsliste: the handover messages the caller's organisation sends or receives (GET /v1/outbox,
 * scoped by the service). Those needing someone come first and are read on their own, all of them
 * up to a bound (outbox-reads.ts), however old: an escalated message must never drop out of sight
 * behind newer ones. Then the newest page, with counts that say what they count. Each message
 * gives the reason and the number to phone, what is missing and a form to complete the sites
 * directory, and a receipt given by phone in two clicks; the status feed as it arrives.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Site } from '@dnr/domain';
import type { Api } from '../api/client';
import type { OutboxView } from '../api/types';
import type { Person } from '../session';
import { problemInDanish } from '../words/problems';
import { MessageItem, type MessageActions } from './message-item';
import { MOST_OF_A_STATE, type Read, readNewest, readState } from './outbox-reads';
import { StatusFeed } from './status-feed';

interface Outbox {
  escalated: Read;
  failed: Read;
  newest: Read;
}

/** After a site is saved the relay sends what waited for it within moments: read again now, and once more shortly. */
const READ_AGAIN_AFTER_SAVE_MS = 2000;

export function Worklist({ api, person, onOpenPatient }: { api: Api; person: Person; onOpenPatient: (patientId: string, name: string | null) => void }) {
  const [refreshed, setRefreshed] = useState(0);
  const { outbox, failure } = useOutbox(api, refreshed);
  const [saved, setSaved] = useState<string | null>(null);
  const later = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(later.current), []);

  const refresh = () => setRefreshed((n) => n + 1);
  const actions: MessageActions = {
    onChanged: refresh,
    onOpenPatient,
    onSiteSaved: (site: Site) => {
      setSaved(`Gemt i stedregistret: ${site.name}. Meddelelser, der ventede på stedet, sendes nu.`);
      refresh();
      window.clearTimeout(later.current);
      later.current = window.setTimeout(refresh, READ_AGAIN_AFTER_SAVE_MS);
    },
  };

  return (
    <div class="worklist">
      <h2>Arbejdsliste for {person.orgName ?? `organisation med SOR-id ${person.org}`}</h2>
      {failure && <p class="form-error" role="alert">Arbejdslisten kunne ikke hentes: {failure}</p>}
      {saved && <p class="recorded" role="status">{saved}</p>}
      {outbox && (
        <>
          <Counts outbox={outbox} />
          <p><button type="button" onClick={refresh}>Opdatér</button></p>
          <Messages outbox={outbox} api={api} person={person} actions={actions} />
        </>
      )}
      <StatusFeed api={api} person={person} onOpenPatient={onOpenPatient} />
    </div>
  );
}

/** The three reads together; an answer overtaken by a later read is dropped (a slow one must not overwrite a newer list). */
function useOutbox(api: Api, refreshed: number): { outbox: Outbox | null; failure: string | null } {
  const [outbox, setOutbox] = useState<Outbox | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const asked = ++latest.current;
    void (async () => {
      const [escalated, failed, newest] = await Promise.all([readState(api, 'escalated'), readState(api, 'failed'), readNewest(api)]);
      if (asked !== latest.current) return;
      if (!escalated.ok) return setFailure(problemInDanish(escalated.problem));
      if (!failed.ok) return setFailure(problemInDanish(failed.problem));
      if (!newest.ok) return setFailure(problemInDanish(newest.problem));
      setFailure(null);
      setOutbox({ escalated: escalated.read, failed: failed.read, newest: newest.read });
    })();
  }, [refreshed]);
  return { outbox, failure };
}

/**
 * What each number counts: the escalated and failed ones all of them (up to the bound, and then
 * »flere end«); pending, sent and acknowledged only among the newest page — unless that page is
 * all there is.
 */
function Counts({ outbox: { escalated, failed, newest } }: { outbox: Outbox }) {
  const inPage = countByState(newest.messages);
  const among = newest.more ? <span class="among"> blandt de {newest.messages.length} nyeste</span> : null;
  const all = (read: Read) => (read.more ? `flere end ${read.messages.length}` : String(read.messages.length));
  return (
    <ul class="counts" aria-label="Antal meddelelser">
      <li><strong>{all(escalated)}</strong> kræver handling</li>
      <li><strong>{all(failed)}</strong> midlertidig fejl hos modtageren, sendes igen</li>
      <li><strong>{inPage.pending}</strong> afventer afsendelse{among}</li>
      <li><strong>{inPage.sent}</strong> sendt, afventer kvittering{among}</li>
      <li><strong>{inPage.acknowledged}</strong> kvitteret{among}</li>
    </ul>
  );
}

function countByState(messages: OutboxView[]): Record<OutboxView['state'], number> {
  const counts = { pending: 0, sent: 0, acknowledged: 0, failed: 0, escalated: 0 };
  for (const m of messages) counts[m.state] = (counts[m.state] ?? 0) + 1;
  return counts;
}

/** Those needing someone first, then those failing for now, then the rest of the newest page (each message once). */
function Messages({ outbox: { escalated, failed, newest }, api, person, actions }: { outbox: Outbox; api: Api; person: Person; actions: MessageActions }) {
  const above = new Set([...escalated.messages, ...failed.messages].map((m) => m.messageId));
  const rest = newest.messages.filter((m) => !above.has(m.messageId));
  const beyond = (what: string) => `Der er flere end ${MOST_OF_A_STATE} meddelelser, der ${what}. Her står de ${MOST_OF_A_STATE} nyeste af dem; de ældre står ikke på listen.`;
  const section = { api, person, actions };
  if (escalated.messages.length + failed.messages.length + rest.length === 0) return <p>Ingen meddelelser for organisationen.</p>;
  return (
    <>
      <MessageSection id="escalated" title="Kræver handling" messages={escalated.messages} note={escalated.more ? beyond('kræver handling') : null} {...section} />
      <MessageSection id="failed" title="Midlertidig fejl hos modtageren – sendes igen" messages={failed.messages} note={failed.more ? beyond('sendes igen') : null} {...section} />
      <MessageSection id="newest" title={newest.more ? `Øvrige blandt de ${newest.messages.length} nyeste` : 'Øvrige meddelelser'} messages={rest} note={null} {...section} />
    </>
  );
}

function MessageSection({ id, title, messages, note, api, person, actions }: {
  id: string; title: string; messages: OutboxView[]; note: string | null; api: Api; person: Person; actions: MessageActions;
}) {
  if (messages.length === 0) return null;
  return (
    <section class={`message-section ${id}`} aria-labelledby={`section-${id}`}>
      <h3 id={`section-${id}`}>{title}</h3>
      {note && <p class="notice">{note}</p>}
      <ol class="messages">
        {messages.map((m) => <MessageItem key={m.messageId} api={api} person={person} message={m} actions={actions} />)}
      </ol>
    </section>
  );
}
