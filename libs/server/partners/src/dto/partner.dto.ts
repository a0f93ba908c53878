import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsDateString, IsEnum, IsInt, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PARTNER_SCOPES, PartnerScope } from '@ztt/contracts';
import { CreateAchievementDto, CreateNeedDto } from '@ztt/catalogue';
import { PageOf, PageQueryDto } from '@ztt/platform';
import { FEED_MAX_LIMIT } from '../partner-feed.service';

export class CreatePartnerKeyDto {
  @ApiProperty({ format: 'uuid', description: '合作机构（平台上已注册的机构）' }) @IsUUID() orgId: string;
  @ApiProperty({ example: '湛茂成果共享接口', maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ enum: PARTNER_SCOPES, isArray: true, example: [PartnerScope.CatalogueRead, PartnerScope.ChallengesRead] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(4)
  @IsEnum(PartnerScope, { each: true })
  scopes: PartnerScope[];
  @ApiProperty({ minimum: 1, maximum: 100000, example: 120, description: '每分钟请求上限' }) @Type(() => Number) @IsInt() @Min(1) @Max(100000) ratePerMinute: number;
  @ApiProperty({ format: 'date-time', example: '2027-12-31T16:00:00.000Z', description: '到期时间' }) @IsDateString() expiresAt: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'webhooks 权限：新发布的内容 POST 到此地址（https）' })
  @IsOptional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  @MaxLength(2048)
  webhookUrl?: string | null;
}

export class PartnerKeyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '3f9a0c1b2d4e', description: '密钥的可见部分：ztt_<keyId>_…' }) keyId: string;
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_SCOPES, isArray: true }) scopes: PartnerScope[];
  @ApiProperty() ratePerMinute: number;
  @ApiProperty({ type: String, nullable: true }) webhookUrl: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) revokedAt: string | null;
  @ApiProperty({ enum: ['active', 'expired', 'revoked'] }) status: 'active' | 'expired' | 'revoked';
}

export class CreatedPartnerKeyDto {
  @ApiProperty({ type: PartnerKeyDto }) key: PartnerKeyDto;
  @ApiProperty({ example: 'ztt_3f9a0c1b2d4e_Yk3…', description: '完整密钥，仅此一次显示；平台只保存其 SHA-256 / the whole key, shown this once only' }) secret: string;
}

export const PartnerKeyPageDto = PageOf(PartnerKeyDto, 'PartnerKeyPage');

export class PartnerUsageDto {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) keyId: string;
  @ApiProperty() method: string;
  @ApiProperty({ example: '/api/partner/feed' }) route: string;
  @ApiProperty() status: number;
  @ApiProperty({ format: 'date-time' }) at: string;
}

export const PartnerUsagePageDto = PageOf(PartnerUsageDto, 'PartnerUsagePage');

export class UsageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看这把密钥' }) @IsOptional() @IsUUID() keyId?: string;
}

export class FeedQueryDto {
  @ApiPropertyOptional({ description: '上次返回的 nextCursor；不填则从头开始 / the last nextCursor; none: from the start' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: FEED_MAX_LIMIT, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(FEED_MAX_LIMIT) limit: number =
    50;
}

export class PartnerFeedItemDto {
  @ApiProperty() title: string;
  @ApiProperty({ description: '需求、成果的摘要；揭榜挂帅的背景' }) summary: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ type: [String] }) industries: string[];
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty({ type: String, nullable: true }) region: string | null;
  @ApiProperty({ type: Number, nullable: true }) trl: number | null;
  @ApiProperty() ownerOrgName: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ description: '公开页面' }) url: string;
  @ApiProperty({ type: String, nullable: true, description: '需求：万元' }) budgetMin: string | null;
  @ApiProperty({ type: String, nullable: true, description: '需求：万元' }) budgetMax: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) budgetNegotiable: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: '需求：YYYY-MM-DD' }) deadline: string | null;
  @ApiProperty({ type: String, nullable: true, description: '成果：万元' }) askingPrice: string | null;
  @ApiProperty({ type: Boolean, nullable: true }) priceNegotiable: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: '揭榜挂帅：元' }) bounty: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) applicationDeadline: string | null;
  @ApiProperty({ type: String, nullable: true }) mode: string | null;
}

export class PartnerFeedEntryDto {
  @ApiProperty({ enum: ['need', 'achievement', 'challenge'] }) kind: 'need' | 'achievement' | 'challenge';
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['upsert', 'tombstone'], description: 'upsert：公开的当前内容；tombstone：已撤回、关闭、过期或退回修改，不再公开' }) change: 'upsert' | 'tombstone';
  @ApiProperty({ description: '变更时间（UTC，微秒）' }) changedAt: string;
  @ApiProperty({ type: PartnerFeedItemDto, nullable: true }) item: PartnerFeedItemDto | null;
}

export class PartnerFeedPageDto {
  @ApiProperty({ type: [PartnerFeedEntryDto] }) entries: PartnerFeedEntryDto[];
  @ApiProperty({ description: '下次调用时原样带上；没有新变更时也会返回' }) nextCursor: string;
  @ApiProperty({ description: '还有更多变更：立即用 nextCursor 继续' }) hasMore: boolean;
}

/** The normal create route's need, without `ownerOrgId`: the key's organisation owns what it submits. */
export class PartnerNeedDto extends OmitType(CreateNeedDto, ['ownerOrgId'] as const) {}

/** The normal create route's achievement, without `ownerOrgId`: the key's organisation owns what it submits. */
export class PartnerAchievementDto extends OmitType(CreateAchievementDto, ['ownerOrgId'] as const) {}
