import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiConflictResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { MatchRunStatus, MatchRunSummary, MatchRunView, PlatformRole } from '@ztt/contracts';
import { AuthContext, CurrentUser, RequireRoles } from '@ztt/platform';
import { QuarterlyService } from './quarterly.service';

class MatchRunSummaryDto implements MatchRunSummary {
  @ApiPropertyOptional({ description: '已匹配的需求数' }) needs?: number;
  @ApiPropertyOptional({ description: '已匹配的成果数' }) achievements?: number;
  @ApiPropertyOptional({ description: '写入（新增或刷新）的匹配数' }) matches?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: '本次运行中分派给各经纪人的新匹配数（按经纪人用户 id）' })
  brokers?: Record<string, number>;
  @ApiPropertyOptional({ description: '发送汇总通知的经纪人数' }) digests?: number;
}

class MatchRunDto implements MatchRunView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026Q4' }) quarter: string;
  @ApiProperty({ enum: ['running', 'completed', 'failed'] }) status: MatchRunStatus;
  @ApiProperty({ description: '待匹配的已发布需求与成果总数' }) total: number;
  @ApiProperty({ description: '已处理数' }) processed: number;
  @ApiProperty({ description: '出错数' }) errors: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) startedBy: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ type: MatchRunSummaryDto }) summary: MatchRunSummary;
}

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/matching/runs')
export class QuarterlyController {
  constructor(private readonly quarterly: QuarterlyService) {}

  @Get()
  @ApiOkResponse({ type: [MatchRunDto], description: '季度全量匹配：每季度一次，含进度、出错数和汇总' })
  list(): Promise<MatchRunView[]> {
    return this.quarterly.list();
  }

  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: MatchRunDto, description: '发起（或继续）本季度的全量匹配，后台执行' })
  @ApiConflictResponse({ description: '本季度的全量匹配已完成（INVALID_STATE）' })
  start(@CurrentUser() user: AuthContext): Promise<MatchRunView> {
    return this.quarterly.start(user.userId);
  }
}
