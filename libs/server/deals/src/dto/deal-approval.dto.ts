import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { APPROVAL_NOTICE_DAYS_MAX, DealApprovalState, DealApprovalStatus, DealApprovalView } from '@ztt/contracts';
import { PageOf } from '@ztt/platform';

export class RequestApprovalDto {
  @ApiPropertyOptional({ minimum: 0, maximum: APPROVAL_NOTICE_DAYS_MAX, default: 0, description: '单位要求的公示天数（0 表示无需公示）' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(APPROVAL_NOTICE_DAYS_MAX)
  noticeDays?: number;
}

export class ApprovalDecisionDto {
  @ApiProperty({ enum: ['approve', 'refuse'] }) @IsIn(['approve', 'refuse']) decision: 'approve' | 'refuse';
  @ApiPropertyOptional({ maxLength: 1000, description: '审批意见；不同意时必填' }) @IsOptional() @IsString() @MaxLength(1000) comment?: string;
}

export class DealApprovalViewDto implements DealApprovalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() dealTitle: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) achievementId: string | null;
  @ApiProperty({ type: String, nullable: true }) achievementTitle: string | null;
  @ApiProperty({ format: 'uuid', description: '成果所属单位' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ enum: ['pending', 'approved', 'refused'] }) status: DealApprovalStatus;
  @ApiProperty({ format: 'uuid' }) requestedBy: string;
  @ApiProperty() requestedByName: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) decidedBy: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedByName: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
  @ApiProperty({ description: '公示天数' }) noticeDays: number;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: '公示期满日（北京时间），当日起可签约' }) noticeEndsOn: string | null;
}

export class DealApprovalStateDto implements DealApprovalState {
  @ApiProperty({ description: '该对接的成果为职务科技成果，签约前需单位审批' }) required: boolean;
  @ApiProperty({ description: '审批不再阻止签约（无需审批，或已批准且公示期满）' }) clearToSign: boolean;
  @ApiProperty({ type: DealApprovalViewDto, nullable: true, description: '最近一次审批' }) approval: DealApprovalViewDto | null;
}

export const DealApprovalPageDto = PageOf(DealApprovalViewDto, 'DealApprovalPageDto');
