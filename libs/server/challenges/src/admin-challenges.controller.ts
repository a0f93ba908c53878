import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApplicationView, ChallengeSuggestion, ChallengeSummary, ChallengeView, NoticeView, ObjectionView, Page, PanelView, PlatformRole, RankingEntry } from '@ztt/contracts';
import { AuthContext, CurrentUser, RequireRoles } from '@ztt/platform';
import { ApplicationsService } from './applications.service';
import { ChallengesService } from './challenges.service';
import { DiscoveryService } from './discovery.service';
import { AdminListQueryDto, AnswerDto, AwardDto, ChallengeInviteDto, PanelDto, ReasonDto } from './dto/challenge.dto';
import { ReviewService } from './review.service';
import {
  ApplicationViewDto,
  ChallengeSuggestionDto,
  ChallengeSummaryPageDto,
  ChallengeViewDto,
  NoticeViewDto,
  ObjectionViewDto,
  PanelViewDto,
  RankingEntryDto,
} from './dto/views.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin')
export class AdminChallengesController {
  constructor(
    private readonly challenges: ChallengesService,
    private readonly applications: ApplicationsService,
    private readonly review: ReviewService,
    private readonly discovery: DiscoveryService,
  ) {}

  @Get('challenges')
  @ApiOkResponse({ type: ChallengeSummaryPageDto, description: '全部榜单（含草稿与待审核）' })
  list(@Query() q: AdminListQueryDto): Promise<Page<ChallengeSummary>> {
    return this.challenges.adminList(q);
  }

  @Post('challenges/:id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: ChallengeViewDto, description: '发布榜单（草稿或机构提交的）' })
  publish(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ChallengeView> {
    return this.challenges.publish(user, id);
  }

  @Post('challenges/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: ChallengeViewDto, description: '退回机构提交的榜单（附理由）' })
  reject(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ReasonDto): Promise<ChallengeView> {
    return this.challenges.reject(user, id, dto.reason);
  }

  @Post('challenges/:id/start-review')
  @HttpCode(200)
  @ApiOkResponse({ type: ChallengeViewDto, description: '截止揭榜，进入评审' })
  startReview(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ChallengeView> {
    return this.challenges.startReview(user, id);
  }

  @Post('challenges/:id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: ChallengeViewDto, description: '结果确认前取消榜单' })
  cancel(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ReasonDto): Promise<ChallengeView> {
    return this.challenges.cancel(user, id, dto.reason);
  }

  @Post('challenges/:id/terminate')
  @HttpCode(200)
  @ApiOkResponse({ type: ChallengeViewDto, description: '终止实施中的榜单' })
  terminate(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ReasonDto): Promise<ChallengeView> {
    return this.challenges.terminate(user, id, dto.reason);
  }

  @Get('challenges/:id/applications')
  @ApiOkResponse({ type: [ApplicationViewDto], description: '全部揭榜方案' })
  applicationsOf(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ApplicationView[]> {
    return this.applications.forChallenge(user, id);
  }

  @Get('challenges/:id/panel')
  @ApiOkResponse({ type: PanelViewDto, description: '评审组与可选的评审专家' })
  panel(@Param('id', uuid) id: string): Promise<PanelView> {
    return this.review.panel(id);
  }

  @Put('challenges/:id/panel')
  @ApiOkResponse({ type: PanelViewDto, description: '组建评审组（仅评审专家角色的用户）' })
  setPanel(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: PanelDto): Promise<PanelView> {
    return this.review.setPanel(user, id, dto.reviewerIds);
  }

  @Get('challenges/:id/ranking')
  @ApiOkResponse({ type: [RankingEntryDto], description: '排名：5 位及以上专家评分时去掉一个最高分和一个最低分后取平均，否则取平均' })
  ranking(@Param('id', uuid) id: string): Promise<RankingEntry[]> {
    return this.review.ranking(id);
  }

  @Post('challenges/:id/award')
  @HttpCode(200)
  @ApiOkResponse({ type: NoticeViewDto, description: '作出决定（附书面理由）并进入公示' })
  @ApiConflictResponse({ description: '不在评审阶段或已作出决定' })
  award(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: AwardDto): Promise<NoticeView> {
    return this.challenges.award(user, id, dto.winnerApplicationIds, dto.rationale, dto.objectionDays);
  }

  @Post('challenges/:id/finalise')
  @HttpCode(200)
  @ApiOkResponse({ type: ChallengeViewDto, description: '公示期满且异议均已答复后确认结果，生成里程碑并通知' })
  @ApiConflictResponse({ description: '公示期未满或有未答复的异议' })
  finalise(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ChallengeView> {
    return this.challenges.finalise(user, id);
  }

  @Post('challenge-objections/:id/answer')
  @HttpCode(200)
  @ApiOkResponse({ type: ObjectionViewDto, description: '答复异议' })
  answer(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: AnswerDto): Promise<ObjectionView> {
    return this.challenges.answer(user, id, dto.answer);
  }

  @Get('challenges/:id/suggestions')
  @ApiOkResponse({ type: [ChallengeSuggestionDto], description: '匹配引擎推荐的成果与团队（附理由）' })
  suggestions(@Param('id', uuid) id: string): Promise<ChallengeSuggestion[]> {
    return this.discovery.suggestions(id);
  }

  @Post('challenges/:id/invitations')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '邀请机构揭榜（站内通知附链接）' })
  invite(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ChallengeInviteDto): Promise<void> {
    return this.discovery.invite(user, id, dto.orgId);
  }
}
