import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { CHAIN_CODES, COUNTY_NEED_LIST_MAX_ENTRIES, COUNTY_NEED_PRIORITIES, CountyNeedListEntry, CountyNeedListView, CountyNeedPriority } from '@ztt/contracts';

export class CountyNeedListYearDto {
  @ApiProperty({ example: 2026 }) @Type(() => Number) @IsInt() @Min(2024) @Max(2035) year: number;
}

export class CountyNeedListEntryDto implements CountyNeedListEntry {
  @ApiProperty({ example: '对虾养殖尾水处理' }) @IsString() @MinLength(2) @MaxLength(200) title: string;
  @ApiProperty({ example: 'marine.ranching', description: '产业链（分类代码）' }) @IsIn(CHAIN_CODES as string[]) chain: string;
  @ApiProperty({ example: '' }) @IsString() @MaxLength(2000) description: string;
  @ApiProperty({ enum: COUNTY_NEED_PRIORITIES }) @IsIn(COUNTY_NEED_PRIORITIES as readonly string[] as string[]) priority: CountyNeedPriority;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', required: false, description: '关联的本县已发布技术需求' })
  @IsOptional()
  @IsUUID()
  needId: string | null;
}

export class SaveCountyNeedListDto {
  @ApiProperty({ type: [CountyNeedListEntryDto] })
  @IsArray()
  @ArrayMaxSize(COUNTY_NEED_LIST_MAX_ENTRIES)
  @ValidateNested({ each: true })
  @Type(() => CountyNeedListEntryDto)
  entries: CountyNeedListEntryDto[];
}

export class CountyNeedListDto implements CountyNeedListView {
  @ApiProperty({ example: 'potou' }) county: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ enum: ['draft', 'published'] }) status: 'draft' | 'published';
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) updatedAt: string | null;
  @ApiProperty({ type: [CountyNeedListEntryDto] }) entries: CountyNeedListEntryDto[];
}
