/**
 * /docs: Swagger UI (swagger-ui-dist from npm) on /openapi.json, entirely from this origin (hospital
 * networks are closed: no CDN). The page and its initializer are ours (the package's own point at the
 * petstore); the viewer's script and stylesheet are served from the package as they are.
 */
import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { dirname } from 'node:path';

const ASSETS = new Set(['/swagger-ui-bundle.js', '/swagger-ui.css', '/favicon-32x32.png', '/favicon-16x16.png']);

export async function serveSwaggerUiAssets(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyStatic, {
    root: dirname(require.resolve('swagger-ui-dist/package.json')), prefix: '/docs/assets/', decorateReply: false, index: false, dotfiles: 'ignore',
    allowedPath: (path: string) => ASSETS.has(path),
  });
}

export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>DNR across sectors — HTTP API v1</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/docs/assets/favicon-32x32.png" sizes="32x32">
</head>
<body>
<main id="swagger-ui"></main>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-initializer.js"></script>
</body>
</html>
`;

export const DOCS_INITIALIZER = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
  tryItOutEnabled: false,
});
`;
