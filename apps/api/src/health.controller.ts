import { Controller, Get } from '@nestjs/common';
import { Public } from '@dnr/http';

@Controller()
export class HealthController {
  @Public()
  @Get('health')
  health() {
    return { status: 'ok' };
  }
}
