import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { CHAIN_CODES, COOPERATION_MODE_CODES, DISMISS_REASONS, DismissReason, ITEM_LIMITS as L, ItemKind, MatchStatus, MatchView, REGION_CODES } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser } from '@ztt/platform';
import { MatchingService } from './matching.service';

class DraftNeedDto {
  @ApiProperty({ maxLength: L.titleMax }) @IsString() @IsNotEmpty() @MaxLength(L.titleMax) title: string;
  @ApiPropertyOptional({ maxLength: L.summaryMax }) @IsOptional() @IsString() @MaxLength(L.summaryMax) summary?: string;
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.keywordsMax)
  @IsString({ each: true })
  @MaxLength(L.keywordMax, { each: true })
  keywords?: string[];
  @ApiPropertyOptional({ enum: CHAIN_CODES, isArray: true }) @IsOptional() @IsArray() @ArrayMaxSize(L.chainsMax) @IsIn(CHAIN_CODES as string[], { each: true }) chains?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 9 }) @IsOptional() @IsInt() @Min(1) @Max(9) trl?: number;
  @ApiPropertyOptional({ enum: COOPERATION_MODE_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(COOPERATION_MODE_CODES as string[], { each: true })
  cooperationModes?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: '万元' }) @IsOptional() @Matches(/^\d{1,12}(\.\d{1,2})?$/) budgetMax?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() budgetNegotiable?: boolean;
  @ApiPropertyOptional({ enum: REGION_CODES }) @IsOptional() @IsIn(REGION_CODES as string[]) region?: string;
}

class MatchStatusDto {
  @ApiProperty({ enum: [MatchStatus.Seen, MatchStatus.Contacted, MatchStatus.Dismissed] })
  @IsIn([MatchStatus.Seen, MatchStatus.Contacted, MatchStatus.Dismissed])
  status: MatchStatus;
  @ApiPropertyOptional({ enum: DISMISS_REASONS, description: '不相关 / 已有合作 / 成熟度不够 / 价格不合适 / 其他' })
  @IsOptional()
  @IsIn(DISMISS_REASONS as unknown as string[])
  dismissReason?: DismissReason;
}

class FeedbackCountsDto {
  @ApiProperty() useful: number;
  @ApiProperty() notUseful: number;
}

class CounterpartDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['need', 'achievement'] }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() ownerOrgName: string;
  @ApiProperty() region: string;
  @ApiProperty() trl: number;
}
class MatchViewDto {
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) id: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) needId: string | null;
  @ApiProperty({ format: 'uuid' }) achievementId: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'feature → [0, 1]' }) breakdown: Record<string, number>;
  @ApiProperty({ description: '匹配理由 / why they match, in the reader’s language' }) reason: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) explanation: Record<string, unknown>;
  @ApiProperty({ enum: MatchStatus }) status: MatchStatus;
  @ApiProperty({ type: String, nullable: true }) dismissReason: string | null;
  @ApiProperty({ type: CounterpartDto }) counterpart: CounterpartDto;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) createdAt: string | null;
  @ApiPropertyOptional({ enum: ['useful', 'not-useful'], nullable: true, description: '读者自己的评价 / the reader’s own verdict' }) myFeedback?: string | null;
  @ApiPropertyOptional({ type: FeedbackCountsDto }) feedback?: FeedbackCountsDto;
}

const uuid = new ParseUUIDPipe();
const kindOf = (path: 'needs' | 'achievements'): ItemKind => (path === 'needs' ? 'need' : 'achievement');

@ApiTags('matching')
@Authenticated()
@Controller()
export class MatchingController {
  constructor(private readonly matching: MatchingService) {}

  @Post('matching/preview')
  @HttpCode(200)
  @ApiOkResponse({ type: [MatchViewDto], description: '发布前预览可能的合作成果（不保存）' })
  preview(@Body() dto: DraftNeedDto): Promise<MatchView[]> {
    return this.matching.preview({
      title: dto.title,
      summary: dto.summary ?? '',
      keywords: dto.keywords ?? [],
      chains: dto.chains ?? [],
      trl: dto.trl ?? null,
      cooperationModes: dto.cooperationModes ?? [],
      budgetMax: dto.budgetMax ?? null,
      budgetNegotiable: dto.budgetNegotiable ?? false,
      region: dto.region ?? null,
    });
  }

  @Get('needs/:id/matches')
  @ApiOkResponse({ type: [MatchViewDto], description: '该需求的匹配成果，附评分明细与理由' })
  needMatches(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<MatchView[]> {
    return this.matching.listFor(user, kindOf('needs'), id);
  }

  @Get('achievements/:id/matches')
  @ApiOkResponse({ type: [MatchViewDto], description: '该成果的匹配需求，附评分明细与理由' })
  achievementMatches(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<MatchView[]> {
    return this.matching.listFor(user, kindOf('achievements'), id);
  }

  @Post('needs/:id/matches/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: [MatchViewDto], description: '立即重新匹配' })
  async refreshNeed(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<MatchView[]> {
    await this.matching.assertOwnerOrAdmin(user, 'need', id);
    await this.matching.matchItem('need', id, 'refresh');
    return this.matching.listFor(user, 'need', id);
  }

  @Post('achievements/:id/matches/refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: [MatchViewDto], description: '立即重新匹配' })
  async refreshAchievement(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<MatchView[]> {
    await this.matching.assertOwnerOrAdmin(user, 'achievement', id);
    await this.matching.matchItem('achievement', id, 'refresh');
    return this.matching.listFor(user, 'achievement', id);
  }

  @Patch('matches/:id')
  @ApiOkResponse({ type: MatchViewDto, description: '标记已查看 / 已联系 / 不合适（附原因）' })
  setStatus(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: MatchStatusDto): Promise<MatchView> {
    return this.matching.setStatus(user, id, dto.status, dto.dismissReason);
  }
}
