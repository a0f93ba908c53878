import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHALLENGE_LIMITS as L, IP_TYPE_CODES, MilestoneStatus } from '@ztt/contracts';

export class ApplicationTeamMemberDto {
  @ApiProperty({ example: '林海' }) @IsString() @IsNotEmpty() @MaxLength(50) name: string;
  @ApiProperty({ example: '项目负责人' }) @IsString() @IsNotEmpty() @MaxLength(50) role: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: '平台用户（用于评审回避）' }) @IsOptional() @IsUUID() userId?: string | null;
}

export class IndicatorPlanDto {
  @ApiProperty({ minimum: 0, description: '榜单指标序号（从 0 开始）' }) @IsInt() @Min(0) @Max(19) indicator: number;
  @ApiProperty({ maxLength: 2000 }) @IsString() @IsNotEmpty() @MaxLength(2000) plan: string;
}

export class ApplicationIpDto {
  @ApiProperty({ enum: IP_TYPE_CODES }) @IsIn(IP_TYPE_CODES as string[]) type: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(60) number: string;
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(30) status: string;
}

class ApplicationFieldsDto {
  @ApiProperty({ maxLength: L.textMax }) @IsString() @IsNotEmpty() @MaxLength(L.textMax) technicalRoute: string;
  @ApiProperty({ type: [IndicatorPlanDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IndicatorPlanDto)
  indicatorPlans: IndicatorPlanDto[];
  @ApiProperty({ maxLength: L.textMax }) @IsString() @IsNotEmpty() @MaxLength(L.textMax) schedule: string;
  @ApiProperty({ example: '3000000.00', description: '预算（元）' }) @IsString() @Matches(L.money) budget: string;
  @ApiProperty({ maxLength: L.textMax }) @IsString() @MaxLength(L.textMax) budgetNotes: string;
  @ApiProperty({ type: [ApplicationTeamMemberDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(L.teamMax)
  @ValidateNested({ each: true })
  @Type(() => ApplicationTeamMemberDto)
  team: ApplicationTeamMemberDto[];
  @ApiProperty({ type: [String], format: 'uuid', description: '关联成果（本机构的）' })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  achievementIds: string[];
  @ApiProperty({ type: [ApplicationIpDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ApplicationIpDto)
  ipItems: ApplicationIpDto[];
}

export class CreateApplicationDto extends ApplicationFieldsDto {
  @ApiProperty({ format: 'uuid', description: '揭榜机构；调用者须为其正式成员（即团队负责人）' }) @IsUUID() orgId: string;
}

export class UpdateApplicationDto extends PartialType(ApplicationFieldsDto) {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class DeclarationDto {
  @ApiProperty({ type: [String], format: 'uuid', description: '存在利益冲突的方案；无则为空' })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  conflictApplicationIds: string[];
  @ApiProperty({ maxLength: 1000, description: '声明' }) @IsString() @MaxLength(1000) statement: string;
}

export class ScoreDto {
  @ApiProperty({ type: [Number], description: '按评审指标顺序，每项 0–100 的整数' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(100, { each: true })
  scores: number[];
  @ApiProperty({ maxLength: 2000 }) @IsString() @MaxLength(2000) comment: string;
}

export class IndicatorResultDto {
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(19) indicator: number;
  @ApiProperty({ example: '96.2' }) @IsString() @IsNotEmpty() @MaxLength(100) value: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) note?: string;
}

export class SubmitMilestoneDto {
  @ApiProperty({ maxLength: 4000, description: '对照指标的完成报告' }) @IsString() @IsNotEmpty() @MaxLength(4000) report: string;
  @ApiProperty({ type: [IndicatorResultDto] })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => IndicatorResultDto)
  indicatorResults: IndicatorResultDto[];
}

export class ReviewMilestoneDto {
  @ApiProperty({ enum: [MilestoneStatus.Accepted, MilestoneStatus.SentBack] }) @IsIn([MilestoneStatus.Accepted, MilestoneStatus.SentBack]) decision:
    MilestoneStatus.Accepted | MilestoneStatus.SentBack;
  @ApiProperty({ maxLength: 2000, description: '退回时必填' }) @IsString() @MaxLength(2000) comment: string;
}
