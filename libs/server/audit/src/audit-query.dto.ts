import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { AuditAction } from '@ztt/contracts';
import { PageQueryDto } from '@ztt/platform';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail() actorEmail?: string;
  @ApiPropertyOptional({ enum: AuditAction }) @IsOptional() @IsIn(Object.values(AuditAction)) action?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
}
