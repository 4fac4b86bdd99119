// Builds the console into dist/console with esbuild: one script (Preact, the console, and the
// parts of @dnr/domain it uses: zod schemas, Danish words, the status fold), a stylesheet for the
// screen and one for print, and the page that names them. Everything comes from npm at build time;
// nothing is fetched at run time from anywhere but the service's own origin.
//
// The script and stylesheets carry a content hash in their names (assets/app-XXXX.js), so the
// service can let browsers keep them (a crew's phone on a slow network loads them once) while
// index.html itself is never cached; each is also written gzip- and brotli-compressed.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '../../dist/console');

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await build({
  entryPoints: { app: join(here, 'src/main.tsx'), console: join(here, 'src/styles/console.css'), print: join(here, 'src/styles/print.css') },
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  bundle: true,
  minify: true,
  sourcemap: 'linked',
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: join(here, 'tsconfig.json'),
  legalComments: 'linked',
  logLevel: 'warning',
  metafile: true,
});

/** The file and its compressed twins (@fastify/static's preCompressed serves whichever the browser takes, and needs all of them). */
function write(file, bytes) {
  writeFileSync(file, bytes);
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(bytes));
}

const names = {};
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (!output.entryPoint || file.endsWith('.map')) continue;
  names[basename(file).split('-')[0]] = `/console/assets/${basename(file)}`;
  write(file, readFileSync(file));
}
const page = readFileSync(join(here, 'src/index.html'), 'utf8')
  .replace('{{app.js}}', names.app).replace('{{console.css}}', names.console).replace('{{print.css}}', names.print);
write(join(out, 'index.html'), Buffer.from(page));
