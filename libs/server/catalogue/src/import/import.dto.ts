import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { CHAIN_CODES, COOPERATION_MODE_CODES, INDUSTRY_CODES, IP_TYPE_CODES, ItemStatus, NEED_CATEGORY_CODES, REGION_CODES } from '@ztt/contracts';
import { ImportDuplicate, ImportError, ImportMode, ImportReport } from './import.service';

export class ImportQueryDto {
  @ApiPropertyOptional({ enum: ['dry-run', 'all-valid'], default: 'dry-run', description: 'dry-run 只校验不导入；all-valid 在一个事务中导入全部有效且不重复的行' })
  @IsOptional()
  @IsIn(['dry-run', 'all-valid'])
  mode: ImportMode = 'dry-run';
}

export class OrgImportQueryDto extends ImportQueryDto {
  @ApiPropertyOptional({ type: Boolean, default: false, description: 'true：导入的行直接提交审核；false：存为草稿。均不会直接发布' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  submit?: boolean;
}

/** The filters of GET /api/search/needs and /achievements; `q`, `sort` and paging are accepted and ignored. */
export class ExportQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: '导出时忽略 / ignored by the export' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ description: '导出时忽略 / ignored by the export' }) @IsOptional() @IsString() @MaxLength(20) sort?: string;
  @ApiPropertyOptional({ description: '导出时忽略 / ignored by the export' }) @IsOptional() @Type(() => Number) @IsInt() page?: number;
  @ApiPropertyOptional({ description: '导出时忽略 / ignored by the export' }) @IsOptional() @Type(() => Number) @IsInt() pageSize?: number;
  @ApiPropertyOptional({ enum: INDUSTRY_CODES }) @IsOptional() @IsIn(INDUSTRY_CODES as string[]) industry?: string;
  @ApiPropertyOptional({ enum: CHAIN_CODES }) @IsOptional() @IsIn(CHAIN_CODES as string[]) chain?: string;
  @ApiPropertyOptional({ enum: REGION_CODES }) @IsOptional() @IsIn(REGION_CODES as string[]) region?: string;
  @ApiPropertyOptional({ enum: COOPERATION_MODE_CODES }) @IsOptional() @IsIn(COOPERATION_MODE_CODES as string[]) mode?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 9 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(9) trlMin?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 9 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(9) trlMax?: number;
  @ApiPropertyOptional({ enum: NEED_CATEGORY_CODES, description: '仅技术需求 / needs only' }) @IsOptional() @IsIn(NEED_CATEGORY_CODES as string[]) category?: string;
  @ApiPropertyOptional({ enum: IP_TYPE_CODES, description: '仅科技成果 / achievements only' }) @IsOptional() @IsIn(IP_TYPE_CODES as string[]) ipType?: string;
  @ApiPropertyOptional({ enum: ItemStatus, default: ItemStatus.Published }) @IsOptional() @IsIn(Object.values(ItemStatus)) status?: ItemStatus;
}

export class ImportErrorDto implements ImportError {
  @ApiProperty({ description: '表格行号（列名为第 1 行）' }) row: number;
  @ApiProperty({ description: '中文列名', example: '产业链' }) field: string;
  @ApiProperty({ description: "in the caller's language" }) message: string;
}

export class ImportDuplicateDto implements ImportDuplicate {
  @ApiProperty() row: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: '相似的已有条目；与同一文件中较早的行相似时为 null' }) existingId: string | null;
  @ApiProperty({ type: Number, nullable: true, description: '相似的较早行号（同一文件内）' }) existingRow: number | null;
}

export class ImportReportDto implements ImportReport {
  @ApiProperty({ description: '数据行数（不含列名行和空行）' }) total: number;
  @ApiProperty({ description: '无错误且不重复、可导入的行数' }) valid: number;
  @ApiProperty({ description: '实际导入的行数（dry-run 时为 0）' }) imported: number;
  @ApiProperty({ type: [ImportErrorDto] }) errors: ImportErrorDto[];
  @ApiProperty({ type: [ImportDuplicateDto] }) duplicates: ImportDuplicateDto[];
}
