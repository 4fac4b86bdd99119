import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '@dnr/http';
import { openApiDocument } from './openapi';
import { DOCS_INITIALIZER, DOCS_PAGE } from './swagger-ui';

@Controller()
export class OpenApiController {
  private readonly document = openApiDocument();

  @Public()
  @Get('openapi.json')
  openapi() {
    return this.document;
  }

  /** Swagger UI on /openapi.json, served from this origin (swagger-ui.ts). */
  @Public()
  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  docs() {
    return DOCS_PAGE;
  }

  @Public()
  @Get('docs/swagger-initializer.js')
  @Header('content-type', 'text/javascript; charset=utf-8')
  initializer() {
    return DOCS_INITIALIZER;
  }
}
