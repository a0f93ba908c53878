import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import {
  CHAIN_CODES,
  COOPERATION_MODE_CODES,
  ItemKind,
  INDUSTRY_CODES,
  IP_TYPE_CODES,
  NEED_CATEGORY_CODES,
  REGION_CODES,
  SEARCH_MAX_PAGE_SIZE,
  SearchResult,
  SearchSort,
} from '@ztt/contracts';
import { Public } from '@ztt/platform';
import type { FastifyReply } from 'fastify';
import { SearchService } from './search.service';

class SearchQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: '关键词：中文子词、同义词均可命中' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: INDUSTRY_CODES }) @IsOptional() @IsIn(INDUSTRY_CODES as string[]) industry?: string;
  @ApiPropertyOptional({ enum: CHAIN_CODES }) @IsOptional() @IsIn(CHAIN_CODES as string[]) chain?: string;
  @ApiPropertyOptional({ enum: REGION_CODES }) @IsOptional() @IsIn(REGION_CODES as string[]) region?: string;
  @ApiPropertyOptional({ format: 'uuid', description: "发布机构：只列该机构的已发布条目 / one organisation's published items" }) @IsOptional() @IsUUID() org?: string;
  @ApiPropertyOptional({ enum: COOPERATION_MODE_CODES }) @IsOptional() @IsIn(COOPERATION_MODE_CODES as string[]) mode?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 9 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(9) trlMin?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 9 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(9) trlMax?: number;
  @ApiPropertyOptional({ enum: ['relevance', 'newest', 'deadline', 'budget'], default: 'relevance' })
  @IsOptional()
  @IsIn(['relevance', 'newest', 'deadline', 'budget'])
  sort: SearchSort = 'relevance';
  @ApiPropertyOptional({ type: Number, minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) page: number = 1;
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: SEARCH_MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(SEARCH_MAX_PAGE_SIZE)
  pageSize: number = 20;
}

class NeedSearchQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({ enum: NEED_CATEGORY_CODES }) @IsOptional() @IsIn(NEED_CATEGORY_CODES as string[]) category?: string;
}
class AchievementSearchQueryDto extends SearchQueryDto {
  @ApiPropertyOptional({ enum: IP_TYPE_CODES }) @IsOptional() @IsIn(IP_TYPE_CODES as string[]) ipType?: string;
}

class SearchHighlightDto {
  @ApiProperty({ description: 'HTML-escaped, matches in <mark>' }) title: string;
  @ApiProperty({ description: 'an excerpt, HTML-escaped, matches in <mark>' }) summary: string;
}
class SearchHitDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['need', 'achievement'] }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: SearchHighlightDto }) highlight: SearchHighlightDto;
  @ApiProperty() ownerOrgName: string;
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ type: [String] }) industries: string[];
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty() region: string;
  @ApiProperty() trl: number;
  @ApiProperty({ type: [String] }) cooperationModes: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiPropertyOptional({ description: 'need only' }) category?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'need only, 万元' }) budgetMin?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'need only, 万元' }) budgetMax?: string | null;
  @ApiPropertyOptional({ description: 'need only' }) budgetNegotiable?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, format: 'date', description: 'need only' }) deadline?: string | null;
  @ApiPropertyOptional({ description: 'achievement only' }) maturityStage?: string;
  @ApiPropertyOptional({ type: [String], description: 'achievement only' }) ipTypes?: string[];
  @ApiPropertyOptional({ type: String, nullable: true, description: 'achievement only, 万元' }) askingPrice?: string | null;
  @ApiPropertyOptional({ description: 'achievement only' }) priceNegotiable?: boolean;
}
class SearchResultDto {
  @ApiProperty({ type: [SearchHitDto] }) items: SearchHitDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'object', additionalProperties: { type: 'number' } }, description: 'facet → value → count' })
  facets: Record<string, Record<string, number>>;
}

@ApiTags('search')
@Public()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get('needs')
  @ApiOkResponse({ type: SearchResultDto, description: '已发布的技术需求（仅公开字段）' })
  @ApiServiceUnavailableResponse({ description: '搜索服务暂不可用' })
  needs(@Query() q: NeedSearchQueryDto, @Res({ passthrough: true }) res: FastifyReply): Promise<SearchResult> {
    return this.answer('need', q, res);
  }

  @Get('achievements')
  @ApiOkResponse({ type: SearchResultDto, description: '已发布的科技成果（仅公开字段）' })
  @ApiServiceUnavailableResponse({ description: '搜索服务暂不可用' })
  achievements(@Query() q: AchievementSearchQueryDto, @Res({ passthrough: true }) res: FastifyReply): Promise<SearchResult> {
    return this.answer('achievement', q, res);
  }

  /** The answer, saying in `X-Cache` whether it was kept from the same search a moment ago (HIT) or worked out now (MISS). */
  private async answer(kind: ItemKind, q: SearchQueryDto, res: FastifyReply): Promise<SearchResult> {
    const { result, kept } = await this.search.search(kind, q);
    void res.header('X-Cache', kept ? 'HIT' : 'MISS');
    return result;
  }
}
