import { Type as ClassType } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { MAX_PAGE_SIZE } from '@ztt/contracts';

/** `page` and `pageSize` for every list endpoint, with the hard maximum page size. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: Number, minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000) page: number = 1;
  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize: number = 20;
}

/** The OpenAPI shape of `Page<T>` for one item class. */
export function PageOf<T>(item: ClassType<T>, name: string): ClassType<{ items: T[]; total: number; page: number; pageSize: number }> {
  class PageDto {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty() total: number;
    @ApiProperty() page: number;
    @ApiProperty() pageSize: number;
  }
  Object.defineProperty(PageDto, 'name', { value: name });
  return PageDto;
}
