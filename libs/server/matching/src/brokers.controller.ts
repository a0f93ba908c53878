import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { BrokerProfileView, CHAIN_CODES, MatchingMetrics, MatchStatus, MatchView, Page, PlatformRole, REGION_CODES } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, PageQueryDto, RequireRoles } from '@ztt/platform';
import { BrokersService, quarterOf } from './brokers.service';
import { MatchingService } from './matching.service';

class BrokerProfileDto {
  @ApiProperty({ enum: CHAIN_CODES, isArray: true, description: '擅长的产业链' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains: string[];
  @ApiProperty({ enum: REGION_CODES, isArray: true, description: '服务地区' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIn(REGION_CODES as string[], { each: true })
  regions: string[];
  @ApiProperty({ minimum: 0, maximum: 10000, description: '可同时跟进的匹配数' }) @IsInt() @Min(0) @Max(10000) capacity: number;
  @ApiProperty({ description: '是否接收新匹配' }) @IsBoolean() active: boolean;
}

class BrokerProfileViewDto extends BrokerProfileDto implements BrokerProfileView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty() openMatches: number;
}

class WorkbenchQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: MatchStatus }) @IsOptional() @IsIn(Object.values(MatchStatus)) status?: MatchStatus;
}

class AssignDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() brokerId: string;
}

class MetricsQueryDto {
  @ApiPropertyOptional({ example: '2026Q4', description: '默认本季度（北京时间）' }) @IsOptional() @Matches(/^\d{4}Q[1-4]$/) quarter?: string;
}

class MetricsDto implements MatchingMetrics {
  @ApiProperty() quarter: string;
  @ApiProperty() proposed: number;
  @ApiProperty() seen: number;
  @ApiProperty() contacted: number;
  @ApiProperty() deal: number;
  @ApiProperty() dismissed: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' } }) dismissedByReason: Record<string, number>;
  @ApiProperty() total: number;
}

@ApiTags('brokers')
@RequireRoles(PlatformRole.Broker)
@Controller('broker')
export class BrokerController {
  constructor(
    private readonly brokers: BrokersService,
    private readonly matching: MatchingService,
  ) {}

  @Get('matches')
  @ApiOkResponse({ description: '经纪人工作台：分派给我的匹配' })
  workbench(@CurrentUser() user: AuthContext, @Query() q: WorkbenchQueryDto): Promise<Page<MatchView>> {
    return this.matching.workbench(user, q);
  }

  @Get('profile')
  @ApiOkResponse({ type: BrokerProfileViewDto })
  profile(@CurrentUser() user: AuthContext): Promise<BrokerProfileView> {
    return this.brokers.get(user.userId);
  }

  @Put('profile')
  @ApiOkResponse({ type: BrokerProfileViewDto })
  saveProfile(@CurrentUser() user: AuthContext, @Body() dto: BrokerProfileDto): Promise<BrokerProfileView> {
    return this.brokers.save(user.userId, dto);
  }
}

class MatchingSettingsDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'feature → weight (MATCH_WEIGHTS)' }) weights: Record<string, number>;
  @ApiProperty({ description: 'matches kept per item (MATCH_TOP_K)' }) topK: number;
}

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin')
export class AdminMatchingController {
  constructor(
    private readonly brokers: BrokersService,
    private readonly matching: MatchingService,
  ) {}

  @Get('matching/settings')
  @ApiOkResponse({ type: MatchingSettingsDto, description: '当前匹配模型的权重（由配置决定）' })
  settings(): MatchingSettingsDto {
    return this.matching.settings();
  }

  @Get('brokers')
  @ApiOkResponse({ type: [BrokerProfileViewDto] })
  list(): Promise<BrokerProfileView[]> {
    return this.brokers.list();
  }

  @Put('brokers/:userId')
  @ApiOkResponse({ type: BrokerProfileViewDto })
  save(@Param('userId', ParseUUIDPipe) userId: string, @Body() dto: BrokerProfileDto): Promise<BrokerProfileView> {
    return this.brokers.save(userId, dto);
  }

  @Post('matches/:id/assign')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '改派经纪人' })
  assign(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignDto): Promise<void> {
    return this.brokers.reassign(id, dto.brokerId);
  }

  @Get('matching/metrics')
  @ApiOkResponse({ type: MetricsDto, description: '本季度匹配效率：推荐、查看、联系、转对接、排除（按原因）' })
  metrics(@Query() q: MetricsQueryDto): Promise<MatchingMetrics> {
    return this.brokers.metrics(q.quarter ?? quarterOf(new Date()));
  }
}

@ApiTags('matching')
@Authenticated()
@Controller('matches')
export class MatchController {
  constructor(private readonly matching: MatchingService) {}

  @Get(':id')
  @ApiOkResponse({ description: '一条匹配（双方、其经纪人和平台管理员可见）' })
  get(@CurrentUser() user: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<MatchView> {
    return this.matching.getOne(user, id);
  }
}
