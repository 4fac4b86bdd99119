/**
 * An offline checker for MedCom profiles, from the official packages in ../shared/medcom:
 * walks each profile's chain of StructureDefinitions and checks, per element of their
 * differentials, the cardinalities, fixed and pattern values, required bindings whose value
 * sets are in the packages, and every error-severity invariant evaluated with fhirpath
 * (references resolved inside the Bundle). It does not check terminology outside the
 * packages, base-FHIR datatype rules, or slicing discriminators — see the README.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';

export const SHARED = resolve(__dirname, '../../../shared');
const PACKAGES = join(SHARED, 'medcom/packages');

type Json = Record<string, any>;
export interface Finding { resource: string; where: string; problem: string }

export class MedComProfiles {
  readonly profiles = new Map<string, Json>();
  readonly valueSets = new Map<string, Json>();
  readonly codeSystems = new Map<string, Json>();
  readonly examples: Json[] = [];

  constructor() {
    const dir = mkdtempSync(join(tmpdir(), 'medcom-'));
    for (const tgz of readdirSync(PACKAGES).filter((f) => f.endsWith('.tgz'))) {
      const target = join(dir, tgz.replace('.tgz', ''));
      execFileSync('mkdir', ['-p', target]);
      execFileSync('tar', ['-xzf', join(PACKAGES, tgz), '-C', target]);
      this.load(join(target, 'package'), tgz.startsWith('carecommunication'));
    }
  }

  private load(dir: string, examplesToo: boolean): void {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const json = JSON.parse(readFileSync(join(dir, f), 'utf8'));
      if (json.resourceType === 'StructureDefinition') this.profiles.set(json.url, json);
      if (json.resourceType === 'ValueSet') this.valueSets.set(json.url, json);
      if (json.resourceType === 'CodeSystem') this.codeSystems.set(json.url, json);
    }
    const examples = join(dir, 'example');
    if (examplesToo && existsSync(examples)) {
      for (const f of readdirSync(examples).filter((x) => x.startsWith('Bundle-'))) this.examples.push(JSON.parse(readFileSync(join(examples, f), 'utf8')));
    }
  }

  /** Checks every resource in a Bundle (and the Bundle) against the profiles it claims. */
  validateBundle(bundle: Json): Finding[] {
    const byRef = new Map<string, Json>((bundle.entry ?? []).map((e: Json) => [`${e.resource.resourceType}/${e.resource.id}`, e.resource]));
    const table = {
      resolveInBundle: {
        fn: (inputs: any[]) => inputs.map((i) => {
          const v = i && i.data !== undefined ? i.data : i;
          return byRef.get(typeof v === 'string' ? v : v?.reference);
        }).filter(Boolean),
        arity: { 0: [] },
      },
    };
    const findings: Finding[] = [];
    const targets: Json[] = [bundle, ...(bundle.entry ?? []).map((e: Json) => e.resource)];
    for (const resource of targets) {
      const claimed: string[] = resource.meta?.profile ?? [];
      if (claimed.length === 0) findings.push({ resource: resource.resourceType, where: 'meta.profile', problem: 'no profile claimed' });
      for (const url of claimed) {
        const chain = this.chain(url.split('|')[0]);
        if (chain.length === 0) findings.push({ resource: resource.resourceType, where: url, problem: 'unknown profile' });
        for (const sd of chain) findings.push(...this.checkDifferential(sd, resource, bundle, table));
      }
    }
    return findings;
  }

  private chain(url: string): Json[] {
    const out: Json[] = [];
    for (let sd = this.profiles.get(url); sd; sd = this.profiles.get(sd.baseDefinition)) out.push(sd);
    return out;
  }

  private checkDifferential(sd: Json, resource: Json, bundle: Json, table: Json): Finding[] {
    const findings: Finding[] = [];
    const eval_ = (node: unknown, expr: string): unknown[] =>
      fhirpath.evaluate(node as any, expr.replace(/resolve\(\)/g, 'resolveInBundle()'), { resource: bundle, rootResource: resource } as any, r4 as any, { userInvocationTable: table } as any) as unknown[];
    const say = (where: string, problem: string) => findings.push({ resource: resource.resourceType, where: `${sd.name}:${where}`, problem });
    for (const el of sd.differential?.element ?? []) {
      const path: string = el.path;
      if (el.id.includes(':') || path.includes('[x]')) {
        this.checkConstraints(el, resource, eval_, say, true);
        continue;
      }
      const rel = path.split('.').slice(1).map((segment) => `\`${segment}\``); // `div` is also an operator
      const parents = rel.length <= 1 ? [resource] : (eval_(resource, rel.slice(0, -1).join('.')) as unknown[]);
      for (const parent of parents) {
        const values = rel.length === 0 ? [resource] : (eval_(parent, rel[rel.length - 1]) as unknown[]);
        if (typeof el.min === 'number' && values.length < el.min) say(el.id, `needs at least ${el.min}, has ${values.length}`);
        if (el.max && el.max !== '*' && values.length > Number(el.max)) say(el.id, `allows at most ${el.max}, has ${values.length}`);
        for (const [key, expected] of Object.entries(el)) {
          if (!/^(fixed|pattern)/.test(key)) continue;
          for (const v of values) if (!matches(v, expected)) say(el.id, `${key} ${JSON.stringify(expected)} not matched by ${JSON.stringify(v)}`);
        }
        if (el.binding?.strength === 'required') this.checkBinding(el, values, say);
      }
      this.checkConstraints(el, resource, eval_, say, false);
    }
    return findings;
  }

  private checkConstraints(el: Json, resource: Json, eval_: (n: unknown, e: string) => unknown[], say: (w: string, p: string) => void, sliced: boolean): void {
    if (sliced) return; // slice-scoped invariants would need the discriminator; the unsliced element carries the rest
    const rel = el.path.split('.').slice(1).map((segment: string) => `\`${segment}\``).join('.');
    const nodes = rel ? eval_(resource, rel) : [resource];
    for (const c of el.constraint ?? []) {
      if (c.severity === 'warning' || !c.expression) continue;
      for (const node of nodes) {
        let result: unknown[];
        try { result = eval_(node, c.expression); } catch (e) { say(el.id, `${c.key} could not be evaluated: ${String(e)}`); continue; }
        if (!(result.length === 1 && result[0] === true) && !(result.length === 0)) say(el.id, `${c.key} fails: ${c.expression}`);
      }
    }
  }

  private checkBinding(el: Json, values: unknown[], say: (w: string, p: string) => void): void {
    const codes = this.codesOf(el.binding.valueSet?.split('|')[0]);
    if (!codes) return;
    for (const v of values as Json[]) {
      const codings: Json[] = typeof v === 'string' ? [{ code: v }] : v?.coding ?? (v?.code ? [v] : []);
      for (const c of codings) if (!codes.has(c.code)) say(el.id, `code ${c.code} is not in ${el.binding.valueSet}`);
    }
  }

  private codesOf(valueSetUrl: string | undefined): Set<string> | null {
    const vs = valueSetUrl ? this.valueSets.get(valueSetUrl) : undefined;
    if (!vs?.compose?.include) return null;
    const codes = new Set<string>();
    for (const inc of vs.compose.include) {
      if (inc.concept) for (const c of inc.concept) codes.add(c.code);
      else if (inc.system && this.codeSystems.has(inc.system)) for (const c of flatten(this.codeSystems.get(inc.system)!.concept ?? [])) codes.add(c.code);
      else return null; // a value set we cannot expand offline
    }
    return codes;
  }
}

function flatten(concepts: Json[]): Json[] {
  return concepts.flatMap((c) => [c, ...flatten(c.concept ?? [])]);
}

function matches(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return actual === expected;
  if (Array.isArray(expected)) return Array.isArray(actual) && expected.every((e) => actual.some((a) => matches(a, e)));
  return typeof actual === 'object' && actual !== null && Object.entries(expected).every(([k, v]) => matches((actual as Json)[k], v));
}
