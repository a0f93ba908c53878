import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AuditEntryView, AuditResult, Page, PlatformRole } from '@ztt/contracts';
import { PageOf, RequireRoles } from '@ztt/platform';
import { AuditQueryDto } from './audit-query.dto';
import { AuditService } from './audit.service';

class AuditEntryDto implements AuditEntryView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorEmail: string | null;
  @ApiProperty() action: string;
  @ApiProperty({ type: String, nullable: true }) targetType: string | null;
  @ApiProperty({ type: String, nullable: true }) targetId: string | null;
  @ApiProperty({ enum: ['ok', 'failed', 'denied'] }) result: AuditResult;
  @ApiProperty({ type: String, nullable: true }) clientAddress: string | null;
  @ApiProperty({ type: Object, nullable: true }) detail: Record<string, unknown> | null;
}

const AuditPageDto = PageOf(AuditEntryDto, 'AuditPageDto');

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOkResponse({ type: AuditPageDto })
  list(@Query() q: AuditQueryDto): Promise<Page<AuditEntryView>> {
    return this.audit.query({
      actorId: q.actorId,
      actorEmail: q.actorEmail,
      action: q.action,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      page: q.page,
      pageSize: q.pageSize,
    });
  }
}
