import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { CAMPAIGN_TARGET_DIMENSIONS, CampaignTargetDimension, INDUSTRY_CODES, ORGANISATION_TYPE_CODES, QUARTER_PATTERN, REGION_CODES } from '@ztt/contracts';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export class CampaignTargetDto {
  @ApiProperty({ enum: CAMPAIGN_TARGET_DIMENSIONS }) @IsIn(CAMPAIGN_TARGET_DIMENSIONS as string[]) dimension: CampaignTargetDimension;
  @ApiProperty({ description: '地区代码、产业代码或机构编号' }) @IsString() @IsNotEmpty() @MaxLength(64) code: string;
  @ApiProperty({ enum: ['need', 'achievement'] }) @IsIn(['need', 'achievement']) kind: 'need' | 'achievement';
  @ApiProperty({ minimum: 1, maximum: 100000 }) @IsInt() @Min(1) @Max(100000) target: number;
}

export class CampaignDto {
  @ApiProperty({ example: '2026年第四季度技术需求与科技成果征集' }) @IsString() @IsNotEmpty() @MaxLength(100) title: string;
  @ApiProperty({ example: '2026Q4' }) @Matches(QUARTER_PATTERN) quarter: string;
  @ApiProperty({ example: '2026-10-01' }) @Matches(DATE_PATTERN) startsOn: string;
  @ApiProperty({ example: '2026-12-20' }) @Matches(DATE_PATTERN) endsOn: string;
  @ApiProperty({ type: [String], enum: INDUSTRY_CODES }) @IsArray() @ArrayUnique() @ArrayMaxSize(20) @IsIn(INDUSTRY_CODES as string[], { each: true }) focusIndustries: string[];
  @ApiProperty({ type: [String], enum: REGION_CODES }) @IsArray() @ArrayUnique() @ArrayMaxSize(30) @IsIn(REGION_CODES as string[], { each: true }) focusRegions: string[];
  @ApiProperty({ type: [CampaignTargetDto] }) @IsArray() @ArrayMaxSize(200) @ValidateNested({ each: true }) @Type(() => CampaignTargetDto) targets: CampaignTargetDto[];
  @ApiProperty({ type: [Number], example: [7, 1], description: '截止前 N 天提醒未提交的机构' })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(60, { each: true })
  reminderDays: number[];
}

export class UpdateCampaignDto extends CampaignDto {
  @ApiProperty({ description: '读取时的版本号（并发保护）' }) @IsInt() @Min(1) version: number;
}

export class InviteDto {
  @ApiPropertyOptional({ type: [String], enum: ORGANISATION_TYPE_CODES })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(ORGANISATION_TYPE_CODES as string[], { each: true })
  orgTypes?: string[];
  @ApiPropertyOptional({ type: [String], enum: REGION_CODES }) @IsOptional() @IsArray() @ArrayMaxSize(30) @IsIn(REGION_CODES as string[], { each: true }) regions?: string[];
  @ApiPropertyOptional({ type: [String], enum: INDUSTRY_CODES }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsIn(INDUSTRY_CODES as string[], { each: true }) industries?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOptional() @IsArray() @ArrayMaxSize(500) @IsUUID('all', { each: true }) orgIds?: string[];
}
