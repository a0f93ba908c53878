import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PlatformRole, ReferralPanelView, ReferralView, RoadshowCandidatesView, RoadshowSummaryView, RoadshowView } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, RequireRoles } from '@ztt/platform';
import {
  DecideReferralDto,
  ReferralPanelDto,
  ReferralViewDto,
  RoadshowCandidatesDto,
  RoadshowDto,
  RoadshowFollowUpInputDto,
  RoadshowInputDto,
  RoadshowProjectAnswerDto,
  RoadshowSignUpDto,
  RoadshowSummaryDto,
  SendReferralDto,
  UpdateRoadshowDto,
} from './dto/finance-extras.dto';
import { ReferralsService } from './referrals.service';
import { RoadshowsService } from './roadshows.service';

const uuid = new ParseUUIDPipe();

/** 政策性金融服务转介: eligibility per programme, referral to a bank with the applicant's consent, the bank's decision. */
@ApiTags('finance')
@Authenticated()
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get('financing-requests/:id/referral-panel')
  @ApiOkResponse({ type: ReferralPanelDto, description: '政策项目资格（逐条条件）、可选银行、已发出的转介：申请方机构成员与平台管理员；其他人 404' })
  panel(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ReferralPanelView> {
    return this.referrals.panel(user, id);
  }

  @Post('financing-requests/:id/referrals')
  @ApiCreatedResponse({ type: ReferralViewDto, description: '申请方在明确同意后将融资需求转介给所选银行；未同意 400，不符合条件 409' })
  send(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: SendReferralDto): Promise<ReferralView> {
    return this.referrals.send(user, id, dto);
  }

  @Get('finance/referrals')
  @ApiOkResponse({ type: [ReferralViewDto], description: '本人所在银行收到的转介（平台管理员看到全部）' })
  incoming(@CurrentUser() user: AuthContext): Promise<ReferralView[]> {
    return this.referrals.incoming(user);
  }

  @Get('financing-referrals/:id')
  @ApiOkResponse({ type: ReferralViewDto, description: '一项转介：申请方、接收银行的成员与平台管理员可见' })
  get(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ReferralView> {
    return this.referrals.get(user, id);
  }

  @Post('financing-referrals/:id/decide')
  @ApiCreatedResponse({ type: ReferralViewDto, description: '接收银行的成员受理或不受理（须说明原因）；申请方收到通知' })
  decide(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: DecideReferralDto): Promise<ReferralView> {
    return this.referrals.decide(user, id, dto);
  }
}

/** 路演: run by admins and brokers; finance members sign up; applicants accept to present; follow-ups after. */
@ApiTags('finance')
@Authenticated()
@Controller('roadshows')
export class RoadshowsController {
  constructor(private readonly roadshows: RoadshowsService) {}

  @Get()
  @ApiOkResponse({ type: [RoadshowSummaryDto], description: '已发布和已举办的路演；管理员、经纪人看到全部，相关机构看到与己有关的' })
  list(@CurrentUser() user: AuthContext): Promise<RoadshowSummaryView[]> {
    return this.roadshows.list(user);
  }

  @Post()
  @RequireRoles(PlatformRole.Admin, PlatformRole.Broker)
  @ApiCreatedResponse({ type: RoadshowDto, description: '创建路演（草稿）：平台管理员或经纪人' })
  create(@CurrentUser() user: AuthContext, @Body() dto: RoadshowInputDto): Promise<RoadshowView> {
    return this.roadshows.create(user, dto);
  }

  @Get('candidates')
  @RequireRoles(PlatformRole.Admin, PlatformRole.Broker)
  @ApiOkResponse({ type: RoadshowCandidatesDto, description: '可选的路演项目（融资中的融资需求）与投资方（已认证的金融/投资机构）：平台管理员或经纪人' })
  candidates(): Promise<RoadshowCandidatesView> {
    return this.roadshows.candidates();
  }

  @Get(':id')
  @ApiOkResponse({ type: RoadshowDto, description: '路演详情：项目、受邀投资方、报名、跟进记录' })
  get(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<RoadshowView> {
    return this.roadshows.get(user, id);
  }

  @Put(':id')
  @ApiOkResponse({ type: RoadshowDto, description: '修改草稿或已发布的路演（平台管理员或组织该路演的经纪人）；新增的项目与投资方收到邀请' })
  update(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: UpdateRoadshowDto): Promise<RoadshowView> {
    return this.roadshows.update(user, id, dto);
  }

  @Post(':id/publish')
  @ApiCreatedResponse({ type: RoadshowDto, description: '发布：受邀投资方与路演项目的申请方收到通知' })
  publish(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<RoadshowView> {
    return this.roadshows.publish(user, id);
  }

  @Post(':id/hold')
  @ApiCreatedResponse({ type: RoadshowDto, description: '标记为已举办（至少一个项目已确认路演）' })
  hold(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<RoadshowView> {
    return this.roadshows.hold(user, id);
  }

  @Post(':id/cancel')
  @ApiCreatedResponse({ type: RoadshowDto, description: '取消草稿或已发布的路演' })
  cancel(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<RoadshowView> {
    return this.roadshows.cancel(user, id);
  }

  @Post(':id/projects/:requestId/answer')
  @ApiCreatedResponse({ type: RoadshowDto, description: '路演项目的申请方成员同意或婉拒参加路演' })
  answer(
    @CurrentUser() user: AuthContext,
    @Param('id', uuid) id: string,
    @Param('requestId', uuid) requestId: string,
    @Body() dto: RoadshowProjectAnswerDto,
  ): Promise<RoadshowView> {
    return this.roadshows.answer(user, id, requestId, dto);
  }

  @Post(':id/signups')
  @ApiCreatedResponse({ type: RoadshowDto, description: '金融/投资机构成员报名（每人一次，重复报名 409）' })
  signUp(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: RoadshowSignUpDto): Promise<RoadshowView> {
    return this.roadshows.signUp(user, id, dto);
  }

  @Post(':id/follow-ups')
  @ApiCreatedResponse({ type: RoadshowDto, description: '路演举办后，组织该路演的经纪人或平台管理员记录跟进（投资方、项目、情况、下一步）' })
  followUp(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: RoadshowFollowUpInputDto): Promise<RoadshowView> {
    return this.roadshows.followUp(user, id, dto);
  }
}
