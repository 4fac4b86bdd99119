/**
 * The official validator (../shared/tools/fhir-validate/run.sh: HAPI FHIR's InstanceValidator
 * with the MedCom packages, offline), run once over a batch of files. One JVM for the lot: pass
 * every file together. Its first run builds HAPI with Maven (minutes, cached in ~/.m2).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED } from './shared';

export const VALIDATOR = join(SHARED, 'tools', 'fhir-validate', 'run.sh');

export interface ValidationRun {
  /** The last line: "N files, E errors, W warnings[ (F offline-terminology issues filtered …)]". */
  summary: string;
  files: number;
  errors: number;
  warnings: number;
  /** Issues the validator set aside because they need an online terminology server. */
  filtered: number;
  /** Every ERROR, WARNING or FILTERED line, for the failure message. */
  issues: string[];
  exitCode: number;
}

/** The validator's folder, found beside the project (CI clones the project with ../shared beside it), or from FHIR_VALIDATOR. */
export function validatorPath(): string {
  const path = process.env.FHIR_VALIDATOR ?? VALIDATOR;
  if (!existsSync(path)) throw new Error(`the official FHIR validator is not at ${path} (set FHIR_VALIDATOR)`);
  return path;
}

export function validate(files: readonly string[]): Promise<ValidationRun> {
  return new Promise((resolve, reject) => {
    execFile(validatorPath(), [...files], { maxBuffer: 256 * 1024 * 1024, timeout: 20 * 60_000 }, (error, stdout, stderr) => {
      const lines = stdout.split('\n').map((l) => l.trim()).filter(Boolean);
      const summary = lines[lines.length - 1] ?? '';
      const parsed = /^(\d+) files, (\d+) errors, (\d+) warnings(?: \((\d+) offline-terminology issues)?/.exec(summary);
      if (!parsed) {
        reject(new Error(`the validator gave no summary line (exit ${String(error?.code ?? 0)}):\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`));
        return;
      }
      resolve({
        summary,
        files: Number(parsed[1]),
        errors: Number(parsed[2]),
        warnings: Number(parsed[3]),
        filtered: Number(parsed[4] ?? 0),
        issues: lines.filter((l) => /: (ERROR|WARNING|FILTERED)/.test(l)),
        exitCode: typeof error?.code === 'number' ? error.code : 0,
      });
    });
  });
}
