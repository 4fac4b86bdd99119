/**
 * The answer a crew reads at a glance: the verdict in large type, the recorded name (and, on the
 * crew card, the CPR number just looked up) to confirm identity (R2.1), the statement, basis, who
 * decided and when, the reason for »Genoplivning skal forsøges«, and what must still be done — in
 * that order, so that on a phone (390 × 844) all of it is above the fold; how to check the identity
 * comes last. Nothing known ⇒ »Genoplivning skal forsøges«, never a blank.
 */
import { ROLE_IN_DANISH, type Flag } from '@dnr/domain';
import type { StatusAnswer } from '../api/types';
import { BASIS_IN_DANISH, FLAG_IN_DANISH, inDanish, REASON_IN_DANISH } from '../words/danish';
import { whenInDanish } from '../words/time';
import { OrgName } from './org-name';
import type { Api } from '../api/client';

export const VERDICT = { DNACPR: 'Ingen genoplivning ved hjertestop', ATTEMPT_CPR: 'Genoplivning skal forsøges' } as const;
/** A look-up by CPR on the trail that found nobody: the patient was not registered yet, so there was no answer to give. */
export const NOT_FOUND = 'Ikke fundet: CPR-nummeret var ikke registreret endnu';
/** A registration of a CPR already recorded: it told who the patient is and whether the name matched, but no status. */
export const REGISTERED_AGAIN = 'Forsøgt registreret igen: svaret viste, at CPR-nummeret var kendt, men ingen status';

/** What a line of the lookup trail told its reader. */
export const toldOnTrail = (l: { status: keyof typeof VERDICT | null; via?: 'registration' }): string =>
  l.status !== null ? VERDICT[l.status] ?? VERDICT.ATTEMPT_CPR : l.via === 'registration' ? REGISTERED_AGAIN : NOT_FOUND;

/**
 * Why »Genoplivning skal forsøges«: the service's own explanation (clinical Danish: whose refusal
 * ended and when, what to do), or the console's word for the reason if an answer has none.
 */
export function whyAttempt(status: StatusAnswer): string {
  return status.explanation?.trim() || inDanish(REASON_IN_DANISH, status.reason, REASON_IN_DANISH.NO_PRIOR_DECISION);
}

/** The flag's heading (console, from its code) and its detail (the service's clinical Danish). */
export function flagInDanish(flag: Flag): { heading: string; detail: string } {
  return { heading: inDanish(FLAG_IN_DANISH, flag.code, 'Skal afklares'), detail: flag.detail };
}

/**
 * `cpr` is the number the reader typed, shown beside the recorded name so both can be checked
 * against the patient; it comes from page memory only (never a URL, the history or storage).
 */
export function StatusCard({ status, name, cpr, api, headingLevel = 2 }: { status: StatusAnswer; name: string | null; cpr?: string; api: Api; headingLevel?: 2 | 3 }) {
  const refused = status.status === 'DNACPR';
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class={`status-card ${refused ? 'dnacpr' : 'attempt'}`} aria-label="Genoplivningsstatus">
      <Heading class="verdict">{refused ? VERDICT.DNACPR : VERDICT.ATTEMPT_CPR}</Heading>
      {name && <Identity name={name} cpr={cpr} />}
      {refused ? <p class="statement">»{status.statement}«</p> : <p class="reason">{whyAttempt(status)}</p>}
      {status.decision && (
        <dl class="facts">
          <div><dt>Grundlag</dt> <dd>{inDanish(BASIS_IN_DANISH, status.basis, 'Ukendt grundlag')}</dd></div>
          <div><dt>Besluttet af</dt> <dd>{status.decision.decidedBy.name}, {ROLE_IN_DANISH[status.decision.decidedBy.role] ?? 'sundhedsperson'}, <OrgName api={api} sor={status.decision.decidedBy.org} /></dd></div>
          <div><dt>Tidspunkt</dt> <dd>{whenInDanish(status.decision.decidedAt)}</dd></div>
        </dl>
      )}
      <Flags flags={status.flags} />
      <p class="answered">Svar pr. {whenInDanish(status.at)}</p>
      {name && <IdentityCheck withCpr={Boolean(cpr)} />}
    </section>
  );
}

/**
 * No patient with this CPR is recorded here: nothing is known, so CPR is attempted (R1.1) — said,
 * never left blank; with the number that was looked up, so a mistyped one is seen.
 */
export function NothingRecorded({ cpr }: { cpr?: string }) {
  return (
    <section class="status-card attempt" aria-label="Genoplivningsstatus">
      <h2 class="verdict">{VERDICT.ATTEMPT_CPR}</h2>
      {cpr && <p class="looked-up patient-cpr">CPR-nr. {cpr}</p>}
      <p class="reason">Intet er registreret om dette CPR-nummer her.</p>
      <p>Genoplivning skal forsøges, medmindre en gyldig beslutning om fravalg er kendt på anden vis, fx en skriftlig beslutning, som personalet viser.</p>
    </section>
  );
}

/** The lookup failed (network, service): in doubt, attempt CPR (R1.2) — and say why. */
export function NoAnswer({ why }: { why: string }) {
  return (
    <section class="status-card attempt" aria-label="Genoplivningsstatus">
      <h2 class="verdict">{VERDICT.ATTEMPT_CPR}</h2>
      <p class="reason">Status kunne ikke hentes: {why}</p>
      <p>I tvivl skal genoplivning forsøges. Prøv igen, eller spørg personalet om en skriftlig beslutning.</p>
    </section>
  );
}

function Identity({ name, cpr }: { name: string; cpr?: string }) {
  return (
    <p class="identity">
      <span class="patient-name">{name}</span>
      {cpr && <> <span class="patient-cpr">CPR-nr. {cpr}</span></>}
    </p>
  );
}

/** Below the facts: what to check the name (and number) against. */
function IdentityCheck({ withCpr }: { withCpr: boolean }) {
  return withCpr
    ? <p class="identity-check">Kontrollér, at det er patienten: navn og CPR-nummer ovenfor mod sygesikringsbevis, billed-ID eller en, der kender patienten.</p>
    : <p class="identity-check">Kontrollér, at det er patienten: navnet ovenfor mod sygesikringsbevis, billed-ID eller en, der kender patienten.</p>;
}

export function Flags({ flags }: { flags: readonly Flag[] }) {
  if (flags.length === 0) return null;
  return (
    <div class="flags">
      <h3>Skal stadig gøres</h3>
      <ul>
        {flags.map((flag, i) => {
          const { heading, detail } = flagInDanish(flag);
          return <li key={i}><strong>{heading}.</strong> {detail}</li>;
        })}
      </ul>
    </div>
  );
}
