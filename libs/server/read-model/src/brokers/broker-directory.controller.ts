import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { BROKER_LEVELS, BrokerLevel, CHAIN_CODES, Page, PublicBrokerCard, REGION_CODES } from '@ztt/contracts';
import { PageOf, PageQueryDto, Public } from '@ztt/platform';
import { BrokerDirectoryService } from './broker-directory.service';

class BrokerDirectoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只看这家技术经理人事务所的经纪人' }) @IsOptional() @IsUUID() firmOrgId?: string;
  @ApiPropertyOptional({ enum: CHAIN_CODES, description: '擅长的产业链' }) @IsOptional() @IsIn(CHAIN_CODES as string[]) chain?: string;
  @ApiPropertyOptional({ enum: REGION_CODES, description: '服务地区' }) @IsOptional() @IsIn(REGION_CODES as string[]) region?: string;
}

class PublicBrokerFirmDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

class PublicBrokerRatingDto {
  @ApiProperty({ example: '4.67' }) average: string;
  @ApiProperty() count: number;
}

class PublicBrokerCardDto implements PublicBrokerCard {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: CHAIN_CODES, isArray: true }) chains: string[];
  @ApiProperty({ enum: REGION_CODES, isArray: true }) regions: string[];
  @ApiProperty({ enum: BROKER_LEVELS, nullable: true, description: '初级 / 中级 / 高级' }) level: BrokerLevel | null;
  @ApiProperty({ description: '持有有效的技术经纪人证书' }) certified: boolean;
  @ApiProperty({ type: PublicBrokerFirmDto, nullable: true, description: '所属技术经理人事务所' }) firm: PublicBrokerFirmDto | null;
  @ApiProperty({ description: '促成签约的对接数' }) dealsSigned: number;
  @ApiProperty({ example: '1200000.00', description: '已登记技术合同金额（元）' }) registeredContractValue: string;
  @ApiProperty({ type: PublicBrokerRatingDto, nullable: true, description: '双方评价的平均分；不足 3 条时不公开' }) rating: PublicBrokerRatingDto | null;
}

const PublicBrokerPageDto = PageOf(PublicBrokerCardDto, 'PublicBrokerPageDto');

/** 技术经纪人名录: public, no sign-in; never an email or a phone. */
@ApiTags('public')
@Controller('brokers')
export class BrokerDirectoryController {
  constructor(private readonly directory: BrokerDirectoryService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: PublicBrokerPageDto, description: '技术经纪人名录：专长、等级、所属事务所、签约数、登记合同金额、评价（满 3 条后公开）' })
  list(@Query() q: BrokerDirectoryQueryDto): Promise<Page<PublicBrokerCard>> {
    return this.directory.list(q);
  }

  @Public()
  @Get(':id')
  @ApiOkResponse({ type: PublicBrokerCardDto, description: '一位技术经纪人的公开名片' })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<PublicBrokerCard> {
    return this.directory.get(id);
  }
}
