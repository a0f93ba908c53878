import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  FinanceProfileView,
  FinancingDisclosureView,
  FinancingInterestView,
  FinancingMatchView,
  FinancingRequestPublicView,
  FinancingRequestView,
  FinancingWatchlistItem,
} from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser } from '@ztt/platform';
import {
  DecideDisclosureDto,
  FinanceProfileInputDto,
  FinanceProfileViewDto,
  FinancingDealOpenedDto,
  FinancingDisclosureViewDto,
  FinancingInterestInputDto,
  FinancingInterestViewDto,
  FinancingMatchViewDto,
  FinancingRequestInputDto,
  FinancingRequestPublicDto,
  FinancingRequestViewDto,
  FinancingWatchlistItemDto,
  OpenFinancingDealDto,
  UpdateFinancingRequestDto,
} from './dto/finance.dto';
import { FinanceService } from './finance.service';
import { FinancingRequestsService } from './financing-requests.service';

const uuid = new ParseUUIDPipe();

/** 融资需求: the applicant's requests, the open ones for finance members and brokers, interest, disclosure and the broker's hand-off. */
@ApiTags('finance')
@Authenticated()
@Controller('financing-requests')
export class FinancingRequestsController {
  constructor(
    private readonly requests: FinancingRequestsService,
    private readonly finance: FinanceService,
  ) {}

  @Get('mine')
  @ApiOkResponse({ type: [FinancingRequestPublicDto], description: '本人所属机构的融资需求（含草稿）' })
  mine(@CurrentUser() user: AuthContext): Promise<FinancingRequestPublicView[]> {
    return this.requests.mine(user);
  }

  @Get()
  @ApiOkResponse({ type: [FinancingRequestPublicDto], description: '融资中的需求（公开部分）：金融机构成员、技术经理人、平台管理员可见；其他人 404' })
  listOpen(@CurrentUser() user: AuthContext): Promise<FinancingRequestPublicView[]> {
    return this.requests.listOpen(user);
  }

  @Post()
  @ApiCreatedResponse({ type: FinancingRequestViewDto, description: '申请机构成员新建融资需求（草稿），关联本机构的成果、需求或参与的对接项目（三者择一）' })
  create(@CurrentUser() user: AuthContext, @Body() dto: FinancingRequestInputDto): Promise<FinancingRequestView> {
    return this.requests.create(user, dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: FinancingRequestViewDto, description: '一项融资需求；保密财务信息仅申请方、管理员、融资对接经纪人及获准查看的金融机构可见' })
  get(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<FinancingRequestView> {
    return this.requests.view(user, id);
  }

  @Put(':id')
  @ApiOkResponse({ type: FinancingRequestViewDto, description: '修改草稿或融资中的需求（version 乐观锁，过期 409）；融资中的需求重新匹配' })
  update(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: UpdateFinancingRequestDto): Promise<FinancingRequestView> {
    return this.requests.update(user, id, dto);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: FinancingRequestViewDto, description: '发布（草稿 → 融资中），与金融机构匹配并通知强匹配的机构' })
  publish(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<FinancingRequestView> {
    return this.requests.publish(user, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: FinancingRequestViewDto, description: '撤回（草稿或融资中 → 已撤回）' })
  withdraw(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<FinancingRequestView> {
    return this.requests.withdraw(user, id);
  }

  @Get(':id/matches')
  @ApiOkResponse({ type: [FinancingMatchViewDto], description: '与该需求匹配的金融机构及理由：申请方、技术经理人、管理员可见' })
  matches(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<FinancingMatchView[]> {
    return this.finance.matchesOfRequest(user, id);
  }

  @Get(':id/interests')
  @ApiOkResponse({ type: [FinancingInterestViewDto], description: '金融机构表达的意向（金融机构只看到本机构的）' })
  interests(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<FinancingInterestView[]> {
    return this.finance.interests(user, id);
  }

  @Post(':id/interests')
  @ApiCreatedResponse({ type: FinancingInterestViewDto, description: '金融机构成员表达意向（每个机构一次，再次 409）；申请方收到通知' })
  expressInterest(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: FinancingInterestInputDto): Promise<FinancingInterestView> {
    return this.finance.expressInterest(user, id, dto);
  }

  @Post(':id/interests/:interestId/deal')
  @ApiCreatedResponse({ type: FinancingDealOpenedDto, description: '技术经理人据意向发起融资对接（需方：申请机构；供方：金融机构）' })
  openDeal(
    @CurrentUser() user: AuthContext,
    @Param('id', uuid) id: string,
    @Param('interestId', uuid) interestId: string,
    @Body() dto: OpenFinancingDealDto,
  ): Promise<{ dealId: string }> {
    return this.finance.openDeal(user, id, interestId, dto);
  }

  @Get(':id/disclosures')
  @ApiOkResponse({ type: [FinancingDisclosureViewDto], description: '查看详细资料的申请：申请方看到全部，金融机构看到本机构的' })
  disclosures(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<FinancingDisclosureView[]> {
    return this.finance.disclosures(user, id);
  }

  @Post(':id/disclosures')
  @ApiCreatedResponse({ type: FinancingDisclosureViewDto, description: '金融机构成员申请查看详细资料；申请方收到通知' })
  requestDisclosure(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<FinancingDisclosureView> {
    return this.finance.requestDisclosure(user, id);
  }

  @Post(':id/disclosures/:disclosureId/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: FinancingDisclosureViewDto, description: '申请机构成员同意或拒绝；申请查看的机构收到通知' })
  decideDisclosure(
    @CurrentUser() user: AuthContext,
    @Param('id', uuid) id: string,
    @Param('disclosureId', uuid) disclosureId: string,
    @Body() dto: DecideDisclosureDto,
  ): Promise<FinancingDisclosureView> {
    return this.finance.decideDisclosure(user, id, disclosureId, dto);
  }

  @Put(':id/watch')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '金融机构成员关注（加入关注列表）' })
  watch(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<void> {
    return this.finance.watch(user, id, true);
  }

  @Delete(':id/watch')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '取消关注' })
  unwatch(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<void> {
    return this.finance.watch(user, id, false);
  }
}

/** 金融机构: its profile, its watchlist, and (for brokers and admins) every profile and its matches. */
@ApiTags('finance')
@Authenticated()
@Controller('finance')
export class FinanceProfilesController {
  constructor(private readonly finance: FinanceService) {}

  @Get('profile')
  @ApiOkResponse({ type: FinanceProfileViewDto, description: '本人所在金融机构的融资服务信息（未填写时为空）；非金融机构成员 404' })
  myProfile(@CurrentUser() user: AuthContext): Promise<FinanceProfileView | null> {
    return this.finance.myProfile(user);
  }

  @Put('profile')
  @ApiOkResponse({ type: FinanceProfileViewDto, description: '金融机构成员保存本机构的融资服务信息，并与融资中的需求重新匹配' })
  saveProfile(@CurrentUser() user: AuthContext, @Body() dto: FinanceProfileInputDto): Promise<FinanceProfileView> {
    return this.finance.saveProfile(user, dto);
  }

  @Get('profiles')
  @ApiOkResponse({ type: [FinanceProfileViewDto], description: '全部金融机构的融资服务信息：技术经理人与平台管理员可见' })
  profiles(@CurrentUser() user: AuthContext): Promise<FinanceProfileView[]> {
    return this.finance.profiles(user);
  }

  @Get('profiles/:orgId/matches')
  @ApiOkResponse({ type: [FinancingMatchViewDto], description: '与该金融机构匹配的融资需求及理由：本机构成员与平台管理员可见' })
  profileMatches(@CurrentUser() user: AuthContext, @Param('orgId', uuid) orgId: string): Promise<FinancingMatchView[]> {
    return this.finance.matchesOfProfile(user, orgId);
  }

  @Get('watchlist')
  @ApiOkResponse({ type: [FinancingWatchlistItemDto], description: '金融机构成员的关注列表：与本机构匹配的融资中需求（含得分与理由）' })
  watchlist(@CurrentUser() user: AuthContext): Promise<FinancingWatchlistItem[]> {
    return this.finance.watchlist(user);
  }
}
