import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsString, Max, MaxLength, Min } from 'class-validator';
import { BrokerRatingsAdminView, BrokerRatingSummary, BrokerRatingView, DealBrokerRatingState, PlatformRole } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, RequireRoles } from '@ztt/platform';
import { DealBrokerRatings } from './deal-broker-ratings.service';

class RateBrokerDto {
  @ApiProperty({ minimum: 1, maximum: 5, description: '评分 1–5' }) @IsInt() @Min(1) @Max(5) score: number;
  @ApiProperty({ maxLength: 1000, description: '评价（可为空）' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(1000)
  comment: string;
}

class BrokerRatingViewDto implements BrokerRatingView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) dealId: string;
  @ApiProperty() dealTitle: string;
  @ApiProperty({ format: 'uuid' }) brokerId: string;
  @ApiProperty({ enum: ['demand', 'supply'] }) side: 'demand' | 'supply';
  @ApiProperty({ format: 'uuid' }) orgId: string;
  @ApiProperty() orgName: string;
  @ApiProperty() score: number;
  @ApiProperty() comment: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class DealBrokerRatingStateDto implements DealBrokerRatingState {
  @ApiProperty({ format: 'uuid' }) brokerId: string;
  @ApiProperty({ description: '对接已签约或终止，可以评价' }) open: boolean;
  @ApiProperty({ enum: ['demand', 'supply'], isArray: true, description: '已评价的一方' }) ratedSides: ('demand' | 'supply')[];
  @ApiProperty({ enum: ['demand', 'supply'], isArray: true, description: '当前用户还可代表评价的一方' }) canRateSides: ('demand' | 'supply')[];
  @ApiProperty({ type: [BrokerRatingViewDto], description: '本对接的评价（仅平台管理员可见）' }) ratings: BrokerRatingViewDto[];
}

class BrokerRatingSummaryDto implements BrokerRatingSummary {
  @ApiProperty() count: number;
  @ApiProperty({ type: String, nullable: true, example: '4.33' }) average: string | null;
}

class BrokerRatingsAdminViewDto extends BrokerRatingSummaryDto implements BrokerRatingsAdminView {
  @ApiProperty({ type: [BrokerRatingViewDto] }) ratings: BrokerRatingViewDto[];
}

const uuid = new ParseUUIDPipe();

@ApiTags('deals')
@Authenticated()
@Controller('deals')
export class DealBrokerRatingController {
  constructor(private readonly ratings: DealBrokerRatings) {}

  @Get(':id/broker-rating')
  @ApiOkResponse({ type: DealBrokerRatingStateDto, description: '经纪人评价：本对接是否可评价、哪一方已评价（双方成员、经纪人、平台管理员可见；其他人 404）' })
  state(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<DealBrokerRatingState> {
    return this.ratings.state(user, id);
  }

  @Post(':id/broker-rating')
  @ApiCreatedResponse({ type: DealBrokerRatingStateDto, description: '对接签约或终止后，需方、供方机构各评价经纪人一次（1–5 分和评语）；重复评价 409' })
  rate(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: RateBrokerDto): Promise<DealBrokerRatingState> {
    return this.ratings.rate(user, id, dto);
  }
}

@ApiTags('brokers')
@RequireRoles(PlatformRole.Broker)
@Controller('broker')
export class BrokerOwnRatingController {
  constructor(private readonly ratings: DealBrokerRatings) {}

  @Get('rating')
  @ApiOkResponse({ type: BrokerRatingSummaryDto, description: '我收到的评价：条数和平均分' })
  mine(@CurrentUser() user: AuthContext): Promise<BrokerRatingSummary> {
    return this.ratings.summary(user.userId);
  }
}

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/brokers')
export class AdminBrokerRatingsController {
  constructor(private readonly ratings: DealBrokerRatings) {}

  @Get(':userId/ratings')
  @ApiOkResponse({ type: BrokerRatingsAdminViewDto, description: '经纪人收到的全部评价（含评语和单项评分）' })
  list(@Param('userId', uuid) userId: string): Promise<BrokerRatingsAdminView> {
    return this.ratings.forAdmin(userId);
  }
}
