import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CHAIN_CODES, COMMISSIONER_LIMITS as L } from '@ztt/contracts';
import { PageOf } from '@ztt/platform';
import { COUNTY_CODES } from '../rules';

// ---- input ------------------------------------------------------------------------------------

/** A calendar day, YYYY-MM-DD. */
function IsDay(): PropertyDecorator {
  return (target, key) => {
    Matches(/^\d{4}-\d{2}-\d{2}$/)(target, key);
    IsDateString()(target, key);
  };
}

export class CreateCommissionerDto {
  @ApiProperty({ format: 'uuid', description: '持有“科技特派员”角色的用户' }) @IsUUID() userId: string;
  @ApiProperty({ format: 'uuid', description: '派出单位：平台上的机构（高校、院所等）' }) @IsUUID() institutionOrgId: string;
  @ApiProperty({ enum: CHAIN_CODES, isArray: true, example: ['marine.ranching'], description: '擅长的产业链' })
  @IsArray()
  @ArrayMaxSize(L.chainsMax)
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains: string[];
  @ApiProperty({ type: [String], example: ['对虾', '水产养殖'], description: '专长关键词' })
  @IsArray()
  @ArrayMaxSize(L.keywordsMax)
  @IsString({ each: true })
  @MaxLength(L.keywordLength, { each: true })
  keywords: string[];
}

export class UpdateCommissionerDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() institutionOrgId?: string;
  @ApiPropertyOptional({ enum: CHAIN_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.chainsMax)
  @IsIn(CHAIN_CODES as string[], { each: true })
  chains?: string[];
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.keywordsMax)
  @IsString({ each: true })
  @MaxLength(L.keywordLength, { each: true })
  keywords?: string[];
  @ApiPropertyOptional({ description: '是否在册（停用后不再出现在公开名录）' }) @IsOptional() @IsBoolean() active?: boolean;
}

export class CreateAssignmentDto {
  @ApiProperty({ enum: COUNTY_CODES, example: 'xuwen', description: '派驻的县（市、区）' }) @IsIn(COUNTY_CODES as string[]) region: string;
  @ApiPropertyOptional({ example: '下桥镇', maxLength: 100, description: '镇（可选）' }) @IsOptional() @IsString() @MaxLength(100) town?: string;
  @ApiPropertyOptional({ format: 'uuid', description: '服务的企业或合作社（平台上的机构，可选）' }) @IsOptional() @IsUUID() servedOrgId?: string;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) @IsDay() startsOn: string;
  @ApiPropertyOptional({ format: 'date', example: '2026-12-31' }) @IsOptional() @IsDay() endsOn?: string;
}

export class CreatePlanItemDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ example: '对虾养殖尾水处理技术培训', maxLength: L.titleLength }) @IsString() @MinLength(1) @MaxLength(L.titleLength) title: string;
  @ApiPropertyOptional({ example: '徐闻县养殖合作社', maxLength: 200, description: '服务对象（可选）' }) @IsOptional() @IsString() @MaxLength(200) target?: string;
}

export class PlanQueryDto {
  @ApiPropertyOptional({ example: 2026, description: '年度，默认今年' }) @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

export class CreateServiceLogDto {
  @ApiProperty({ format: 'date', example: '2026-11-20', description: '服务日期' }) @IsDay() servedOn: string;
  @ApiProperty({ example: '徐闻县下桥镇对虾养殖场', maxLength: L.placeLength }) @IsString() @MinLength(1) @MaxLength(L.placeLength) place: string;
  @ApiProperty({ example: '现场指导养殖尾水处理设备调试', maxLength: L.contentLength, description: '服务内容' })
  @IsString()
  @MinLength(1)
  @MaxLength(L.contentLength)
  content: string;
  @ApiProperty({ format: 'uuid', description: '服务对象：平台上的机构' }) @IsUUID() servedOrgId: string;
  @ApiPropertyOptional({ format: 'uuid', description: '对应的年度服务清单事项（可选）' }) @IsOptional() @IsUUID() planItemId?: string;
}

export class ConfirmServiceDto {
  @ApiProperty({ minimum: 1, maximum: 5, example: 5, description: '评分 1–5' }) @Type(() => Number) @IsInt() @Min(1) @Max(5) rating: number;
  @ApiPropertyOptional({ maxLength: L.commentLength, example: '指导到位，问题已解决' }) @IsOptional() @IsString() @MaxLength(L.commentLength) comment?: string;
}

// ---- output -----------------------------------------------------------------------------------

export class CommissionerAssignmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) commissionerId: string;
  @ApiProperty() region: string;
  @ApiProperty({ type: String, nullable: true }) town: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) servedOrgId: string | null;
  @ApiProperty({ type: String, nullable: true }) servedOrgName: string | null;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) endsOn: string | null;
  @ApiProperty() current: boolean;
}

export class CommissionerPublicDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid' }) institutionOrgId: string;
  @ApiProperty() institutionName: string;
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty({ type: [String], description: '当前派驻的县（市、区）' }) regions: string[];
}

export class CommissionerDto extends CommissionerPublicDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [CommissionerAssignmentDto] }) assignments: CommissionerAssignmentDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const CommissionerPublicPageDto = PageOf(CommissionerPublicDto, 'CommissionerPublicPage');
export const CommissionerPageDto = PageOf(CommissionerDto, 'CommissionerPage');

export class CommissionerCandidateDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class ServicePlanItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() year: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) target: string | null;
  @ApiProperty() logged: number;
}

export class ServiceFileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() size: number;
}

export class ServiceLogDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) commissionerId: string;
  @ApiProperty() commissionerName: string;
  @ApiProperty({ format: 'date' }) servedOn: string;
  @ApiProperty() place: string;
  @ApiProperty() content: string;
  @ApiProperty({ format: 'uuid' }) servedOrgId: string;
  @ApiProperty() servedOrgName: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) planItemId: string | null;
  @ApiProperty({ type: [ServiceFileDto] }) files: ServiceFileDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) confirmedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) confirmedByName: string | null;
  @ApiProperty({ type: Number, nullable: true }) rating: number | null;
  @ApiProperty({ type: String, nullable: true }) ratingComment: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export const ServiceLogPageDto = PageOf(ServiceLogDto, 'ServiceLogPage');

export class CommissionerMatchDto {
  @ApiProperty({ format: 'uuid' }) needId: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() ownerOrgName: string;
  @ApiProperty() region: string;
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ type: [String], description: '命中的擅长产业链' }) matchedChains: string[];
  @ApiProperty({ type: [String], description: '命中的专长关键词' }) matchedKeywords: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
}
