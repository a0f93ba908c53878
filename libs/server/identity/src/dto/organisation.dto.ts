import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, IsUrl, MaxLength, Min, MinLength } from 'class-validator';
import { PageOf, PageQueryDto } from '@ztt/platform';
import {
  INDUSTRY_CODES,
  MembershipStatus,
  MemberView,
  ORG_CREDENTIALS,
  ORGANISATION_TYPE_CODES,
  OrganisationPublicView,
  OrganisationView,
  OrgRole,
  REGION_CODES,
  VerificationStatus,
} from '@ztt/contracts';

export class CreateOrganisationDto {
  @ApiProperty({ example: '湛江蓝海海洋牧场科技有限公司', minLength: 2, maxLength: 100 })
  @IsString()
  @MinLength(2)
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: ORGANISATION_TYPE_CODES }) @IsIn(ORGANISATION_TYPE_CODES as string[]) type: string;

  @ApiProperty({ description: '统一社会信用代码（18 位，GB 32100-2015）', example: '91440800MA4UJ7Y04X' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(30)
  creditCode: string;

  @ApiProperty({ enum: REGION_CODES }) @IsIn(REGION_CODES as string[]) region: string;

  @ApiPropertyOptional({ maxLength: 50, example: '南三镇', description: '乡镇/街道（选填）' }) @IsOptional() @IsString() @MaxLength(50) town?: string;

  @ApiPropertyOptional({
    enum: ORG_CREDENTIALS,
    isArray: true,
    description: '资质：高新技术企业 high_tech_enterprise、科技型中小企业 sme_tech（随机构认证审核；变更后须重新认证）',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ORG_CREDENTIALS.length)
  @IsIn([...ORG_CREDENTIALS], { each: true })
  credentials?: string[];

  @ApiPropertyOptional({ enum: INDUSTRY_CODES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(6)
  @IsIn(INDUSTRY_CODES as string[], { each: true })
  industries?: string[];

  @ApiPropertyOptional({ example: 'https://www.example.cn' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(200)
  website?: string;

  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) description?: string;
}

export class UpdateOrganisationDto extends PartialType(CreateOrganisationDto) {
  @ApiProperty({ description: 'the version you read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
}

export class DecideVerificationDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) decision: 'approve' | 'reject';
  @ApiPropertyOptional({ description: '驳回理由（驳回时必填）', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ChangeMemberRoleDto {
  @ApiProperty({ enum: OrgRole }) @IsIn(Object.values(OrgRole)) role: OrgRole;
}

export class DecideMembershipDto {
  @ApiProperty({ enum: ['approve', 'reject'] }) @IsIn(['approve', 'reject']) decision: 'approve' | 'reject';
}

export class ListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ maxLength: 100 }) @IsOptional() @IsString() @MaxLength(100) q?: string;
}

export class VerificationQueueQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: VerificationStatus, default: VerificationStatus.Pending })
  @IsOptional()
  @IsIn(Object.values(VerificationStatus))
  status: VerificationStatus = VerificationStatus.Pending;
}

export class OrganisationPublicViewDto implements OrganisationPublicView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() type: string;
  @ApiProperty() region: string;
  @ApiProperty({ type: [String] }) industries: string[];
  @ApiProperty({ enum: VerificationStatus }) verificationStatus: VerificationStatus;
}

export class OrganisationViewDto extends OrganisationPublicViewDto implements OrganisationView {
  @ApiProperty() creditCode: string;
  @ApiProperty({ type: String, nullable: true, required: false, description: '乡镇/街道' }) town?: string | null;
  @ApiPropertyOptional({ enum: ORG_CREDENTIALS, isArray: true, description: '资质（高新技术企业、科技型中小企业）' }) credentials?: string[];
  @ApiProperty({ type: String, nullable: true }) website: string | null;
  @ApiProperty() description: string;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) verifiedAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: OrgRole, nullable: true }) myRole: OrgRole | null;
  @ApiProperty({ enum: MembershipStatus, nullable: true }) myMembershipStatus: MembershipStatus | null;
}

export class MemberViewDto implements MemberView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: OrgRole }) role: OrgRole;
  @ApiProperty({ enum: MembershipStatus }) status: MembershipStatus;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

export const OrganisationPageDto = PageOf(OrganisationPublicViewDto, 'OrganisationPageDto');
export const VerificationPageDto = PageOf(OrganisationViewDto, 'VerificationPageDto');
