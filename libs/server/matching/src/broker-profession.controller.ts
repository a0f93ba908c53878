import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsDateString, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { BROKER_LEVELS, BrokerLevel, BrokerProfessionView, BrokerTrainingRecord, PlatformRole } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, RequireRoles } from '@ztt/platform';
import { BrokerProfession } from './broker-profession.service';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

class CertifyBrokerDto {
  @ApiProperty({ enum: BROKER_LEVELS, description: '初级 junior / 中级 intermediate / 高级 senior' }) @IsIn(BROKER_LEVELS as unknown as string[]) level: BrokerLevel;
  @ApiProperty({ maxLength: 64, description: '证书编号' }) @trim() @IsString() @MinLength(1) @MaxLength(64) certificateNo: string;
  @ApiProperty({ example: '2026-06-01', description: '发证日期' }) @Matches(DATE) @IsDateString() issuedOn: string;
  @ApiPropertyOptional({ example: '2029-05-31', nullable: true, description: '有效期至；不填为长期有效' })
  @IsOptional()
  @Matches(DATE)
  @IsDateString()
  expiresOn?: string | null;
}

class AddBrokerTrainingDto {
  @ApiProperty({ example: '2026-09-15', description: '培训日期（不晚于今天）' }) @Matches(DATE) @IsDateString() heldOn: string;
  @ApiProperty({ maxLength: 200, description: '课程' }) @trim() @IsString() @MinLength(1) @MaxLength(200) course: string;
  @ApiProperty({ minimum: 0.5, maximum: 200, description: '学时（最多一位小数）' })
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 1 })
  @Min(0.5)
  @Max(200)
  hours: number;
  @ApiProperty({ maxLength: 200, description: '培训机构' }) @trim() @IsString() @MinLength(1) @MaxLength(200) provider: string;
}

class SetBrokerFirmDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: '技术经理人事务所（机构）；null 表示不属于任何事务所' })
  @IsOptional()
  @IsUUID()
  firmOrgId: string | null;
}

class BrokerFirmRefDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class BrokerTrainingRecordDto implements BrokerTrainingRecord {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-09-15' }) heldOn: string;
  @ApiProperty() course: string;
  @ApiProperty({ example: '8.0' }) hours: string;
  @ApiProperty() provider: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class BrokerHoursOfYearDto {
  @ApiProperty() year: number;
  @ApiProperty({ example: '32.5' }) hours: string;
}

class BrokerProfessionViewDto implements BrokerProfessionView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: BROKER_LEVELS, nullable: true }) level: BrokerLevel | null;
  @ApiProperty({ type: String, nullable: true }) certificateNo: string | null;
  @ApiProperty({ type: String, nullable: true }) issuedOn: string | null;
  @ApiProperty({ type: String, nullable: true }) expiresOn: string | null;
  @ApiProperty({ description: '今天持有有效证书' }) certified: boolean;
  @ApiProperty({ type: BrokerFirmRefDto, nullable: true }) firm: BrokerFirmRefDto | null;
  @ApiProperty({ type: [BrokerTrainingRecordDto] }) training: BrokerTrainingRecordDto[];
  @ApiProperty({ type: [BrokerHoursOfYearDto], description: '每年培训学时合计，新的在前' }) hoursByYear: BrokerHoursOfYearDto[];
}

@ApiTags('brokers')
@RequireRoles(PlatformRole.Broker)
@Controller('broker')
export class BrokerProfessionController {
  constructor(private readonly profession: BrokerProfession) {}

  @Get('profession')
  @ApiOkResponse({ type: BrokerProfessionViewDto, description: '我的等级、证书、所属事务所和培训记录' })
  mine(@CurrentUser() user: AuthContext): Promise<BrokerProfessionView> {
    return this.profession.view(user.userId);
  }

  @Post('training')
  @ApiCreatedResponse({ type: BrokerProfessionViewDto, description: '登记一次我参加的培训' })
  addTraining(@CurrentUser() user: AuthContext, @Body() dto: AddBrokerTrainingDto): Promise<BrokerProfessionView> {
    return this.profession.addTraining(user, user.userId, dto);
  }
}

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/brokers')
export class AdminBrokerProfessionController {
  constructor(private readonly profession: BrokerProfession) {}

  @Get(':userId/profession')
  @ApiOkResponse({ type: BrokerProfessionViewDto, description: '经纪人的等级、证书、所属事务所和培训记录' })
  view(@Param('userId', ParseUUIDPipe) userId: string): Promise<BrokerProfessionView> {
    return this.profession.view(userId);
  }

  @Put(':userId/certification')
  @ApiOkResponse({ type: BrokerProfessionViewDto, description: '设定经纪人等级与证书（记入审计日志）' })
  certify(@CurrentUser() user: AuthContext, @Param('userId', ParseUUIDPipe) userId: string, @Body() dto: CertifyBrokerDto): Promise<BrokerProfessionView> {
    return this.profession.certify(user, userId, dto);
  }

  @Post(':userId/training')
  @ApiCreatedResponse({ type: BrokerProfessionViewDto, description: '为经纪人登记一次培训' })
  addTraining(@CurrentUser() user: AuthContext, @Param('userId', ParseUUIDPipe) userId: string, @Body() dto: AddBrokerTrainingDto): Promise<BrokerProfessionView> {
    return this.profession.addTraining(user, userId, dto);
  }

  @Put(':userId/firm')
  @ApiOkResponse({ type: BrokerProfessionViewDto, description: '设定经纪人所属的技术经理人事务所（记入审计日志）' })
  setFirm(@CurrentUser() user: AuthContext, @Param('userId', ParseUUIDPipe) userId: string, @Body() dto: SetBrokerFirmDto): Promise<BrokerProfessionView> {
    return this.profession.setFirm(user, userId, dto.firmOrgId ?? null);
  }
}

/** A broker firm's organisation admin links the firm's brokers. */
@ApiTags('organisations')
@Authenticated()
@Controller('orgs')
export class BrokerFirmController {
  constructor(private readonly profession: BrokerProfession) {}

  @Put(':id/brokers/:userId')
  @ApiOkResponse({ type: BrokerProfessionViewDto, description: '事务所管理员把一位经纪人加入本事务所（记入审计日志）' })
  link(@CurrentUser() user: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Param('userId', ParseUUIDPipe) userId: string): Promise<BrokerProfessionView> {
    return this.profession.linkToFirm(user, id, userId, true);
  }

  @Delete(':id/brokers/:userId')
  @ApiOkResponse({ type: BrokerProfessionViewDto, description: '事务所管理员把本事务所的一位经纪人移出' })
  unlink(@CurrentUser() user: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Param('userId', ParseUUIDPipe) userId: string): Promise<BrokerProfessionView> {
    return this.profession.linkToFirm(user, id, userId, false);
  }
}
