import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { HealthReport } from '@ztt/contracts';
import { Public } from '../auth/auth.decorators';
import { HealthService } from './health.service';
import { HealthReportDto, LiveDto } from './health.dto';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @HttpCode(200)
  @ApiOkResponse({ type: LiveDto, description: '进程存活 / the process is up' })
  live(): LiveDto {
    return { status: 'up' };
  }

  @Get('ready')
  @ApiOkResponse({ type: HealthReportDto, description: 'PostgreSQL, Redis, Meilisearch all up' })
  @ApiServiceUnavailableResponse({ type: HealthReportDto, description: 'one or more services down' })
  async ready(@Res({ passthrough: true }) res: FastifyReply): Promise<HealthReport> {
    const report = await this.health.report();
    if (report.status !== 'up') void res.status(503);
    return report;
  }
}
