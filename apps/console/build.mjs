// Builds the console into dist/console with esbuild: one script (Preact, the console, and the
// parts of @dnr/domain it uses: zod schemas, Danish words, the status fold), one stylesheet, the page.
// Everything comes from npm at build time; nothing is fetched at run time from anywhere but this origin.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../../dist/console');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { app: join(here, 'src/main.tsx'), console: join(here, 'src/styles/console.css') },
  outdir: out,
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: join(here, 'tsconfig.json'),
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: false,
});
copyFileSync(join(here, 'src/index.html'), join(out, 'index.html'));
