/**
 * Sign-in, as this deployment offers it (GET /console/config.json): in development pick a role,
 * an organisation and a name and get a development token; in production go to the issuer
 * (OpenID Connect with PKCE). The token lives in memory only.
 */
import { useState } from 'preact/hooks';
import { ROLE_IN_DANISH, ROLES, SECTOR_IN_DANISH, SECTORS } from '@dnr/domain';
import type { Api } from '../api/client';
import { problemInDanish } from '../words/problems';
import { startSignIn, type OidcSettings } from './oidc';

export interface ConsoleConfig {
  development: boolean;
  oidc: OidcSettings | null;
}

export function SignIn({ api, config, failure, onSignedIn }: { api: Api; config: ConsoleConfig; failure: string | null; onSignedIn: (token: string) => void }) {
  return (
    <div class="sign-in">
      <h2>Log ind</h2>
      {failure && <p class="form-error" role="alert">{failure}</p>}
      {config.oidc && <OidcSignIn settings={config.oidc} />}
      {config.development && <DevelopmentSignIn api={api} onSignedIn={onSignedIn} />}
      {!config.oidc && !config.development && (
        // Said to whoever opens the page (staff, not the operator): who to call, not the settings' names (docs/console.md "Sign-in").
        <p class="notice">Log-ind er ikke sat op for denne installation. Kontakt it-driften: konsollen skal forbindes til organisationens log-ind-tjeneste.</p>
      )}
    </div>
  );
}

function OidcSignIn({ settings }: { settings: OidcSettings }) {
  const [error, setError] = useState<string | null>(null);
  const go = () => startSignIn(settings).catch(() => setError('Log-ind-tjenesten kunne ikke nås. Prøv igen.'));
  return (
    <div>
      <p>Du logger ind hos din organisations log-ind-tjeneste.</p>
      <button type="button" class="primary" onClick={go}>Log ind</button>
      {error && <p class="form-error" role="alert">{error}</p>}
    </div>
  );
}

function DevelopmentSignIn({ api, onSignedIn }: { api: Api; onSignedIn: (token: string) => void }) {
  const [role, setRole] = useState('physician');
  const [name, setName] = useState('Lise Hansen');
  const [org, setOrg] = useState('265071000016002');
  const [orgName, setOrgName] = useState('Aalborg Universitetshospital');
  const [sector, setSector] = useState('hospital');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    const answer = await api.post<{ token: string }>('/console/development-token', { role, name: name.trim(), org: org.trim(), sector, ...(orgName.trim() ? { orgName: orgName.trim() } : {}) });
    if (!answer.ok) return setError(answer.problem.code === 'VALIDATION_FAILED' ? 'Udfyld navn og et SOR-id (cifre).' : problemInDanish(answer.problem));
    onSignedIn(answer.body.token);
  };

  const input = (id: string, label: string, value: string, set: (v: string) => void, extra: Record<string, unknown> = {}) => (
    <div class="field">
      <label for={id}>{label}</label>
      <input id={id} type="text" value={value} onInput={(e) => set((e.target as HTMLInputElement).value)} autocomplete="off" {...extra} />
    </div>
  );

  return (
    <form method="post" onSubmit={submit} class="dev-sign-in" aria-describedby="dev-sign-in-note">
      <p id="dev-sign-in-note" class="notice">Udviklingslogin: kun på denne maskine, mens tjenesten bruger udviklingsnøglen. Vælg rolle og organisation.</p>
      <div class="field">
        <label for="dev-role">Rolle</label>
        <select id="dev-role" value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value)}>
          {ROLES.map((r) => <option key={r} value={r}>{ROLE_IN_DANISH[r]}</option>)}
        </select>
      </div>
      {input('dev-name', 'Dit navn', name, setName)}
      {input('dev-org', 'Organisationens SOR-id', org, setOrg, { inputMode: 'numeric' })}
      {input('dev-org-name', 'Organisationens navn', orgName, setOrgName)}
      <div class="field">
        <label for="dev-sector">Sektor</label>
        <select id="dev-sector" value={sector} onChange={(e) => setSector((e.target as HTMLSelectElement).value)}>
          {SECTORS.map((s) => <option key={s} value={s}>{SECTOR_IN_DANISH[s]}</option>)}
        </select>
      </div>
      {error && <p class="form-error" role="alert">{error}</p>}
      <button type="submit" class="primary">Log ind</button>
    </form>
  );
}
