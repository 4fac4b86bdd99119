import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@dnr/http';
import { openApiDocument } from './openapi';

@Controller()
export class OpenApiController {
  private readonly document = openApiDocument();

  @Public()
  @Get('openapi.json')
  openapi() {
    return this.document;
  }

  /** A self-contained page (no CDN: hospital networks are closed) listing every operation and its schema. */
  @Public()
  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs() {
    const rows = Object.entries(this.document.paths).flatMap(([path, ops]) =>
      Object.entries(ops as Record<string, { summary: string; description?: string; requestBody?: unknown }>).map(([method, op]) =>
        `<section><h2><code>${method.toUpperCase()} ${escape(path)}</code></h2><p>${escape(op.summary)}${op.description ? ` — ${escape(op.description)}` : ''}</p>${
          op.requestBody ? `<details><summary>request body schema</summary><pre>${escape(JSON.stringify(op.requestBody, null, 2))}</pre></details>` : ''}</section>`));
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>DNR API v1</title></head><body><h1>${escape(this.document.info.title)}</h1><p><a href="/openapi.json">openapi.json</a></p>${rows.join('')}</body></html>`;
  }
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
