import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ItemStatus } from '@ztt/contracts';
import { PageQueryDto } from '@ztt/platform';

export class MyItemsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ItemStatus }) @IsOptional() @IsIn(Object.values(ItemStatus)) status?: ItemStatus;
}

export class ReviewQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['need', 'achievement'], default: 'need' }) @IsOptional() @IsIn(['need', 'achievement']) kind: 'need' | 'achievement' = 'need';
}

export class DisclosureListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'], default: 'incoming' }) @IsOptional() @IsIn(['incoming', 'outgoing']) box: 'incoming' | 'outgoing' = 'incoming';
}
