import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString } from 'class-validator';
import { PageOf } from '@ztt/platform';
import { OrgRole, PLATFORM_ROLES, PlatformRole, UserAdminView, UserStatus } from '@ztt/contracts';

export class SetPlatformRolesDto {
  @ApiProperty({ enum: PlatformRole, isArray: true })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(PLATFORM_ROLES.length)
  @IsIn(PLATFORM_ROLES as string[], { each: true })
  roles: PlatformRole[];

  @ApiProperty({ required: false, nullable: true, example: 'potou', description: '县区科技管理人员所属县（市、区）：授予该角色时必填' })
  @IsOptional()
  @IsString()
  county?: string | null;
}

class UserOrgDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: OrgRole }) role: OrgRole;
}

export class UserAdminViewDto implements UserAdminView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: UserStatus }) status: UserStatus;
  @ApiProperty({ enum: PlatformRole, isArray: true }) platformRoles: PlatformRole[];
  @ApiProperty({ type: String, nullable: true, required: false, example: 'potou', description: '县区科技管理人员所属县（市、区）' }) county?: string | null;
  @ApiProperty({ type: [UserOrgDto] }) organisations: UserOrgDto[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastLoginAt: string | null;
}

export const UserAdminPageDto = PageOf(UserAdminViewDto, 'UserAdminPageDto');
