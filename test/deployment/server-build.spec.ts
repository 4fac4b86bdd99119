/**
 * What production runs is `npm run build:server`'s output: it must carry no test code — not the
 * in-memory KurrentDB stand-in, not the contract suites, not the builders and arbitraries — so a
 * stand-in can never be wired into a running service. The script itself is run into a fresh folder
 * (dist/ may hold the bench's extra builds).
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import packageJson from '../../package.json';

const root = join(__dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'dnr-server-build-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

it('npm run build:server builds the service and none of its test code', () => {
  const script = packageJson.scripts['build:server'];
  expect(script).toContain(' -d dist ');
  execSync(script.replace(' -d dist ', ` -d ${out} `), { cwd: root, stdio: 'pipe' });
  const built = filesUnder(out).map((f) => relative(out, f));

  expect(built).toContain('apps/api/src/main.js');
  expect(built).toContain('libs/event-store/src/kurrentdb/kurrentdb-event-store.js');
  const testCode = built.filter((f) => /(^|\/)(testing|spec|contract)\//.test(f) || /\.spec\.js$/.test(f) || /stand-in/.test(f));
  expect(testCode).toEqual([]);
});
