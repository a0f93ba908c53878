import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  BookingView,
  CapacitySuggestionsView,
  InstrumentDetailView,
  InstrumentView,
  MyBookingsView,
  MyCapacityView,
  Page,
  PlatformRole,
  ProviderCardView,
  ProviderDetailView,
  RunView,
} from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, Public, RequireRoles } from '@ztt/platform';
import { BookingsService } from './bookings.service';
import { CapacityService } from './capacity.service';
import {
  ApproveRunDto,
  CapacityCancelDto,
  CapacityDirectoryQueryDto,
  CapacityProviderDetailDto,
  CapacityProviderInputDto,
  CapacityProviderPageDto,
  CapacityRatingDto,
  CapacityReasonDto,
  CapacityReviewDto,
  CapacityReviewQueueDto,
  CapacitySuggestionsDto,
  CompleteBookingDto,
  CompleteRunDto,
  CreateBookingDto,
  CreateRunDto,
  InstrumentBookingDto,
  InstrumentDetailDto,
  InstrumentDirectoryQueryDto,
  InstrumentInputDto,
  InstrumentPageDto,
  InstrumentViewDto,
  MyBookingsDto,
  MyCapacityDto,
  VerificationRunDto,
} from './dto/capacity.dto';
import { RunsService } from './runs.service';

const uuid = new ParseUUIDPipe();

/** The public capacity directory, and its owners' entries. */
@ApiTags('capacity')
@Controller('capacity')
export class CapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Public()
  @Get('providers')
  @ApiOkResponse({ type: CapacityProviderPageDto, description: '中试基地/概念验证中心/开放产线名录（公开，已审核）；可按类型、产业链、服务 TRL、区域、关键词筛选' })
  directory(@Query() q: CapacityDirectoryQueryDto): Promise<Page<ProviderCardView>> {
    return this.capacity.directory(q);
  }

  @Public()
  @Get('providers/:id')
  @ApiOkResponse({ type: CapacityProviderDetailDto, description: '平台详情：能力、共享仪器、满意度（3 条以上评价才公开平均分）；联系方式仅登录用户可见' })
  provider(@CurrentUser() user: AuthContext | undefined, @Param('id', uuid) id: string): Promise<ProviderDetailView> {
    return this.capacity.provider(user, id);
  }

  @Public()
  @Get('instruments')
  @ApiOkResponse({ type: InstrumentPageDto, description: '共享仪器名录（公开，已审核）' })
  instruments(@Query() q: InstrumentDirectoryQueryDto): Promise<Page<InstrumentView>> {
    return this.capacity.instruments(q);
  }

  @Public()
  @Get('instruments/:id')
  @ApiOkResponse({ type: InstrumentDetailDto, description: '仪器详情、预约规则与已被预约的时段' })
  instrument(@CurrentUser() user: AuthContext | undefined, @Param('id', uuid) id: string): Promise<InstrumentDetailView> {
    return this.capacity.instrument(user, id);
  }

  @Authenticated()
  @Post('providers')
  @ApiCreatedResponse({ type: CapacityProviderDetailDto, description: '本机构登记中试平台；提交后等待平台审核' })
  createProvider(@CurrentUser() user: AuthContext, @Body() dto: CapacityProviderInputDto): Promise<ProviderDetailView> {
    return this.capacity.createProvider(user, dto);
  }

  @Authenticated()
  @Put('providers/:id')
  @ApiOkResponse({ type: CapacityProviderDetailDto, description: '修改本机构的中试平台；修改后重新审核' })
  updateProvider(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CapacityProviderInputDto): Promise<ProviderDetailView> {
    return this.capacity.updateProvider(user, id, dto);
  }

  @Authenticated()
  @Post('instruments')
  @ApiCreatedResponse({ type: InstrumentViewDto, description: '本机构登记共享仪器及预约规则；提交后等待平台审核' })
  createInstrument(@CurrentUser() user: AuthContext, @Body() dto: InstrumentInputDto): Promise<InstrumentView> {
    return this.capacity.createInstrument(user, dto);
  }

  @Authenticated()
  @Put('instruments/:id')
  @ApiOkResponse({ type: InstrumentViewDto, description: '修改本机构的共享仪器；修改后重新审核' })
  updateInstrument(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: InstrumentInputDto): Promise<InstrumentView> {
    return this.capacity.updateInstrument(user, id, dto);
  }
}

/** Instrument bookings: the booker and the instrument's organisation. */
@ApiTags('capacity')
@Authenticated()
@Controller('capacity/bookings')
export class BookingsController {
  constructor(private readonly bookings: BookingsService) {}

  @Post()
  @ApiCreatedResponse({ type: InstrumentBookingDto, description: '预约仪器时段（须符合预约规则）；时段已被占用时 409 SLOT_TAKEN' })
  book(@CurrentUser() user: AuthContext, @Body() dto: CreateBookingDto): Promise<BookingView> {
    return this.bookings.book(user, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: InstrumentBookingDto, description: '仪器所属机构批准预约' })
  approve(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<BookingView> {
    return this.bookings.approve(user, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: InstrumentBookingDto, description: '仪器所属机构不批准预约（须说明原因）' })
  decline(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CapacityReasonDto): Promise<BookingView> {
    return this.bookings.decline(user, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: InstrumentBookingDto, description: '预约人或仪器所属机构取消预约' })
  cancel(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CapacityCancelDto): Promise<BookingView> {
    return this.bookings.cancel(user, id, dto);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: InstrumentBookingDto, description: '仪器所属机构确认使用完成（实际时长）' })
  complete(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CompleteBookingDto): Promise<BookingView> {
    return this.bookings.complete(user, id, dto);
  }

  @Post(':id/rate')
  @HttpCode(200)
  @ApiOkResponse({ type: InstrumentBookingDto, description: '预约人评价满意度（1–5，仅一次）' })
  rate(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CapacityRatingDto): Promise<BookingView> {
    return this.bookings.rate(user, id, dto);
  }
}

/** Verification runs: the achievement's organisation and the provider's. */
@ApiTags('capacity')
@Authenticated()
@Controller('capacity/runs')
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Post()
  @ApiCreatedResponse({ type: VerificationRunDto, description: '成果所属机构成员申请验证/中试服务' })
  request(@CurrentUser() user: AuthContext, @Body() dto: CreateRunDto): Promise<RunView> {
    return this.runs.request(user, dto);
  }

  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationRunDto, description: '平台方批准并安排日期' })
  approve(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ApproveRunDto): Promise<RunView> {
    return this.runs.approve(user, id, dto);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationRunDto, description: '平台方不受理（须说明原因）' })
  decline(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CapacityReasonDto): Promise<RunView> {
    return this.runs.decline(user, id, dto);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationRunDto, description: '申请方或平台方取消' })
  cancel(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CapacityCancelDto): Promise<RunView> {
    return this.runs.cancel(user, id, dto);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationRunDto, description: '平台方填写验证结果与达到的技术成熟度' })
  complete(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CompleteRunDto): Promise<RunView> {
    return this.runs.complete(user, id, dto);
  }

  @Post(':id/rate')
  @HttpCode(200)
  @ApiOkResponse({ type: VerificationRunDto, description: '申请方评价满意度（1–5，仅一次）' })
  rate(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CapacityRatingDto): Promise<RunView> {
    return this.runs.rate(user, id, dto);
  }
}

/** What the caller keeps and asked for, and an achievement's capacity suggestions. */
@ApiTags('capacity')
@Authenticated()
@Controller()
export class MyCapacityController {
  constructor(
    private readonly capacity: CapacityService,
    private readonly bookings: BookingsService,
    private readonly runs: RunsService,
  ) {}

  @Get('me/capacity')
  @ApiOkResponse({ type: MyCapacityDto, description: '本人所在机构的中试平台、共享仪器，以及收到的预约和验证申请' })
  async mine(@CurrentUser() user: AuthContext): Promise<MyCapacityView> {
    const orgIds = [...user.orgRoles.keys()];
    const [owned, bookings, runs] = await Promise.all([this.capacity.ownedBy(orgIds), this.bookings.forOrgs(orgIds), this.runs.atProvidersOf(orgIds)]);
    return { ...owned, bookings, runs };
  }

  @Get('me/bookings')
  @ApiOkResponse({ type: MyBookingsDto, description: '本人的仪器预约，以及本人所在机构申请的验证/中试' })
  async myBookings(@CurrentUser() user: AuthContext): Promise<MyBookingsView> {
    const [bookings, runs] = await Promise.all([this.bookings.mine(user), this.runs.requestedBy([...user.orgRoles.keys()])]);
    return { bookings, runs };
  }

  @Get('achievements/:id/capacity-suggestions')
  @ApiOkResponse({ type: CapacitySuggestionsDto, description: '技术成熟度 3–6 的成果推荐的中试/验证平台（附理由）；成果所属机构成员与平台管理员可见' })
  suggestions(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<CapacitySuggestionsView> {
    return this.runs.suggestions(user, id);
  }
}

/** Platform admins publish or reject directory entries. */
@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/capacity')
export class AdminCapacityController {
  constructor(private readonly capacity: CapacityService) {}

  @Get('review-queue')
  @ApiOkResponse({ type: CapacityReviewQueueDto, description: '待审核的中试平台与共享仪器' })
  queue(): Promise<{ providers: ProviderDetailView[]; instruments: InstrumentView[] }> {
    return this.capacity.reviewQueue();
  }

  @Post('providers/:id/review')
  @HttpCode(200)
  @ApiOkResponse({ type: CapacityReviewQueueDto, description: '公开或退回（须说明原因）中试平台；记入审计日志并通知所属机构；返回余下的待审核项' })
  async reviewProvider(
    @CurrentUser() user: AuthContext,
    @Param('id', uuid) id: string,
    @Body() dto: CapacityReviewDto,
  ): Promise<{ providers: ProviderDetailView[]; instruments: InstrumentView[] }> {
    await this.capacity.review(user, 'provider', id, dto);
    return this.capacity.reviewQueue();
  }

  @Post('instruments/:id/review')
  @HttpCode(200)
  @ApiOkResponse({ type: CapacityReviewQueueDto, description: '公开或退回（须说明原因）共享仪器；记入审计日志并通知所属机构；返回余下的待审核项' })
  async reviewInstrument(
    @CurrentUser() user: AuthContext,
    @Param('id', uuid) id: string,
    @Body() dto: CapacityReviewDto,
  ): Promise<{ providers: ProviderDetailView[]; instruments: InstrumentView[] }> {
    await this.capacity.review(user, 'instrument', id, dto);
    return this.capacity.reviewQueue();
  }
}
