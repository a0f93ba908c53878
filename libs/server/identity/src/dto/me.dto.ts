import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { LOCALES, MembershipStatus, MembershipView, MeView, OrgRole, PASSWORD_MAX_LENGTH, PlatformRole, VerificationStatus } from '@ztt/contracts';

/** The only fields a person may change on their own account. */
export class UpdateMeDto {
  // absent means unchanged; null is refused (these columns are NOT NULL), unlike phone where null clears it
  @ApiPropertyOptional({ maxLength: 50 }) @ValidateIf((_, v) => v !== undefined) @IsString() @IsNotEmpty() @MaxLength(50) displayName?: string;
  @ApiPropertyOptional({ example: '13800138000', nullable: true })
  @IsOptional()
  @Matches(/^(\+?\d{6,15}|0\d{2,3}-?\d{7,8})$/)
  phone?: string;
  @ApiPropertyOptional({ enum: LOCALES }) @ValidateIf((_, v) => v !== undefined) @IsIn(LOCALES as string[]) locale?: string;
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH * 4) currentPassword: string;
  @ApiProperty({ minLength: 8, maxLength: PASSWORD_MAX_LENGTH }) @IsString() @MaxLength(PASSWORD_MAX_LENGTH * 4) newPassword: string;
}

export class MembershipViewDto implements MembershipView {
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty() organisationType: string;
  @ApiProperty({ enum: VerificationStatus }) verificationStatus: VerificationStatus;
  @ApiProperty({ enum: OrgRole }) role: OrgRole;
  @ApiProperty({ enum: MembershipStatus }) status: MembershipStatus;
}

export class MeViewDto implements MeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) phone: string | null;
  @ApiProperty() locale: string;
  @ApiProperty({ enum: PlatformRole, isArray: true }) platformRoles: PlatformRole[];
  @ApiProperty({ type: [MembershipViewDto] }) memberships: MembershipViewDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
