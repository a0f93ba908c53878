import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import {
  BrokerProfileView,
  CHAIN_CODES,
  MATCH_FEEDBACK,
  MatchFeedback,
  MatchingMetrics,
  MatchingModel,
  MatchStatus,
  MatchView,
  Page,
  PlatformRole,
  quarterOf,
  REGION_CODES,
} from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, PageQueryDto, RequireRoles } from '@ztt/platform';
import { BrokersService } from './brokers.service';
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
  @ApiProperty({ description: '被标记为“有用”的匹配数' }) useful: number;
  @ApiProperty({ description: '被标记为“没用”的匹配数' }) notUseful: number;
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

const weight = () => (target: object, key: string) => {
  ApiProperty({ minimum: 0, maximum: 1 })(target, key);
  IsNumber({ allowNaN: false, allowInfinity: false })(target, key);
  Min(0)(target, key);
  Max(1)(target, key);
};

/** One weight per feature, each in [0, 1]; the score divides by their sum, so they need not add up to 1. */
class MatchWeightsDto {
  @weight() text: number;
  @weight() chain: number;
  @weight() keywords: number;
  @weight() trl: number;
  @weight() mode: number;
  @weight() budget: number;
  @weight() region: number;
  @weight() freshness: number;
}

class SaveMatchingSettingsDto {
  @ApiProperty({ type: MatchWeightsDto }) @IsDefined() @ValidateNested() @Type(() => MatchWeightsDto) weights: MatchWeightsDto;
  @ApiProperty({ minimum: 1, maximum: 100, description: '每个条目保留的匹配数' }) @IsInt() @Min(1) @Max(100) topK: number;
}

class MatchingSettingsDto implements MatchingModel {
  @ApiProperty({ type: MatchWeightsDto, description: 'feature → weight' }) weights: MatchWeightsDto;
  @ApiProperty({ description: 'matches kept per item' }) topK: number;
  @ApiProperty({ enum: ['configuration', 'admin'], description: '来自配置（MATCH_WEIGHTS、MATCH_TOP_K）或管理员调整' }) source: 'configuration' | 'admin';
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) updatedBy: string | null;
}

class FeedbackDto {
  @ApiProperty({ enum: MATCH_FEEDBACK, nullable: true, description: '有用 / 没用；null 撤回' })
  @IsOptional()
  @IsIn(MATCH_FEEDBACK as unknown as string[])
  verdict: MatchFeedback | null;
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
  @ApiOkResponse({ type: MatchingSettingsDto, description: '当前匹配模型：各特征权重与每条保留的匹配数' })
  settings(): Promise<MatchingModel> {
    return this.matching.settings();
  }

  @Put('matching/settings')
  @ApiOkResponse({ type: MatchingSettingsDto, description: '调整匹配模型（记入审计日志），下一次匹配起生效' })
  saveSettings(@CurrentUser() user: AuthContext, @Body() dto: SaveMatchingSettingsDto): Promise<MatchingModel> {
    return this.matching.saveSettings(user, { weights: { ...dto.weights }, topK: dto.topK });
  }

  @Delete('matching/settings')
  @ApiOkResponse({ type: MatchingSettingsDto, description: '恢复为配置中的匹配模型' })
  resetSettings(@CurrentUser() user: AuthContext): Promise<MatchingModel> {
    return this.matching.saveSettings(user, null);
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

  @Put(':id/feedback')
  @ApiOkResponse({ description: '标记这条匹配“有用 / 没用”（每人一票，可更改）' })
  feedback(@CurrentUser() user: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: FeedbackDto): Promise<MatchView> {
    return this.matching.feedback(user, id, dto.verdict ?? null);
  }
}
