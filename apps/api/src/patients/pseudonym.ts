/**
 * patientId = a keyed pseudonym of the CPR number (HMAC-SHA256 with a server secret), stable
 * for a CPR and useless without the secret. It is what URLs, stream names, keys and logs carry.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class Pseudonymizer {
  constructor(private readonly secret: string) {}

  patientIdOf(cprDigits: string): string {
    return createHmac('sha256', this.secret).update(`cpr:${cprDigits}`).digest('hex').slice(0, 32);
  }
}

/** Uses PSEUDONYM_SECRET, or a secret generated once and kept in DATA_DIR (mode 0600). */
export function loadPseudonymSecret(dataDir: string, fromEnv: string | undefined): string {
  if (fromEnv) return fromEnv;
  const file = join(dataDir, 'pseudonym.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}
