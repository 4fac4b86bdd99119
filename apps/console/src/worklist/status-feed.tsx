/**
 * The status feed as it arrives (GET /v1/status-feed, polled): every change of any patient's status,
 * newest first. Each page read is audited by the service. Health professionals only.
 * The screen shows the newest changes, not the feed's history: when the feed is further ahead than
 * the page just read, it jumps to the newest page (the service's `rel="last"` link) instead of
 * catching up from the start of a long feed, which showed changes hours old as if they were new.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Api } from '../api/client';
import type { FeedEntry } from '../api/types';
import type { Person } from '../session';
import { VERDICT } from '../status/status-card';
import { BASIS_IN_DANISH, inDanish, REASON_IN_DANISH } from '../words/danish';
import { problemInDanish } from '../words/problems';
import { whenInDanish } from '../words/time';
import { linkTarget } from '../api/link';

const POLL_MS = 5000;
const SHOWN = 50;
/** Pages followed per poll: a console opened on a long feed catches up over a few polls instead of reading it all at once. */
const PAGES_PER_POLL = 20;
const MAY_READ = ['physician', 'nurse', 'paramedic'];

export function StatusFeed({ api, person, onOpenPatient }: { api: Api; person: Person; onOpenPatient: (patientId: string, name: string | null) => void }) {
  const [entries, setEntries] = useState<FeedEntry[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const after = useRef(0);

  useEffect(() => {
    if (!MAY_READ.includes(person.role)) return;
    let stopped = false;
    const poll = async () => {
      for (let page = 0; page < PAGES_PER_POLL && !stopped; page++) {
        const answer = await api.get<FeedEntry[]>(`/v1/status-feed?after=${after.current}&limit=100`);
        if (!answer.ok) return setFailure(problemInDanish(answer.problem));
        setFailure(null);
        const newest = lastPageAfter(answer.headers.get('link'));
        if (newest !== null && newest > after.current && (answer.body.length === 0 || newest > answer.body[answer.body.length - 1].position)) {
          after.current = newest; // behind: skip to the newest page, read it next
          continue;
        }
        if (answer.body.length === 0) break;
        after.current = answer.body[answer.body.length - 1].position;
        setEntries((old) => [...answer.body.slice().reverse(), ...old].slice(0, SHOWN));
        if (answer.body.length < 100) break;
      }
    };
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => { stopped = true; window.clearInterval(timer); };
  }, [person.role]);

  return (
    <section class="feed" aria-labelledby="feed-title">
      <h2 id="feed-title">Statusændringer</h2>
      {!MAY_READ.includes(person.role) ? <p class="notice">Statusstrømmen er for sundhedspersoner (læge, sygeplejerske, ambulancebehandler).</p> : (
        <>
          <p class="hint">Opdateres hvert 5. sekund.</p>
          {failure && <p class="form-error" role="alert">Statusstrømmen kunne ikke hentes: {failure}</p>}
          {entries.length === 0 ? <p>Ingen ændringer endnu.</p> : (
            <ol class="feed-entries" aria-live="polite">
              {entries.map((e) => (
                <li key={e.position}>
                  <span class="when">{whenInDanish(e.at)}</span>{' '}
                  <strong>{VERDICT[e.status.status] ?? VERDICT.ATTEMPT_CPR}</strong>{' – '}
                  {e.status.status === 'DNACPR' ? inDanish(BASIS_IN_DANISH, e.status.basis, '') : inDanish(REASON_IN_DANISH, e.status.reason, '')}{' '}
                  {e.by === 'time' && <span class="by-time">(trådt i kraft på det fastsatte tidspunkt – ingen ny registrering) </span>}
                  <button type="button" class="link" onClick={() => onOpenPatient(e.patientId, null)}>Åbn tidslinje</button>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}

/** The `after` of the feed's newest page, from the `Link: <…?after=N&limit=…>; rel="last"` the service sends. */
export function lastPageAfter(link: string | null): number | null {
  const target = linkTarget(link, 'last');
  const after = target ? /[?&]after=(\d+)/.exec(target)?.[1] : undefined;
  return after === undefined ? null : Number(after);
}
