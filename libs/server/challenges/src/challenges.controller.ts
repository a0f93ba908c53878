import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApplicationView, ChallengeInput, ChallengeSummary, ChallengeView, MilestoneView, NoticeView, ObjectionView, Page } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, PageQueryDto, Public } from '@ztt/platform';
import { ApplicationsService } from './applications.service';
import { ChallengesService } from './challenges.service';
import { CreateApplicationDto } from './dto/application.dto';
import { BoardQueryDto, CreateChallengeDto, ObjectionDto, UpdateChallengeDto } from './dto/challenge.dto';
import { MilestonesService } from './milestones.service';
import { ApplicationViewDto, ChallengeSummaryPageDto, ChallengeViewDto, MilestoneViewDto, NoticeViewDto, ObjectionViewDto } from './dto/views.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('challenges')
@Controller()
export class ChallengesController {
  constructor(
    private readonly challenges: ChallengesService,
    private readonly applications: ApplicationsService,
    private readonly milestones: MilestonesService,
  ) {}

  @Public()
  @Get('challenges')
  @ApiOkResponse({ type: ChallengeSummaryPageDto, description: '揭榜挂帅榜单（公开）：征集中 / 已截止 / 已揭榜，可按产业链、模式和关键词筛选' })
  board(@Query() q: BoardQueryDto): Promise<Page<ChallengeSummary>> {
    return this.challenges.board(q);
  }

  @Public()
  @Get('challenges/:id')
  @ApiOkResponse({ type: ChallengeViewDto, description: '榜单详情：发布后公开；草稿仅发榜机构与平台管理员可见' })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: AuthContext | undefined, @Param('id', uuid) id: string): Promise<ChallengeView> {
    return this.challenges.get(user, id);
  }

  @Public()
  @Get('challenges/:id/notice')
  @ApiOkResponse({ type: NoticeViewDto, description: '结果公示：入选方案、决定理由、公示期与异议答复' })
  @ApiNotFoundResponse({ description: '尚未作出决定' })
  notice(@CurrentUser() user: AuthContext | undefined, @Param('id', uuid) id: string): Promise<NoticeView> {
    return this.challenges.notice(user, id);
  }

  @Authenticated()
  @Post('challenges')
  @ApiCreatedResponse({ type: ChallengeViewDto, description: '起草榜单（企业起草、平台审核发布；平台管理员可代机构起草）' })
  create(@CurrentUser() user: AuthContext, @Body() dto: CreateChallengeDto): Promise<ChallengeView> {
    return this.challenges.create(user, dto as ChallengeInput);
  }

  @Authenticated()
  @Get('my/challenges')
  @ApiOkResponse({ type: ChallengeSummaryPageDto, description: '本机构发布的榜单，以及由我验收的榜单' })
  mine(@CurrentUser() user: AuthContext, @Query() q: PageQueryDto): Promise<Page<ChallengeSummary>> {
    return this.challenges.mine(user, q.page, q.pageSize);
  }

  @Authenticated()
  @Patch('challenges/:id')
  @ApiOkResponse({ type: ChallengeViewDto, description: '修改草稿；版本过期则 409' })
  update(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: UpdateChallengeDto): Promise<ChallengeView> {
    return this.challenges.update(user, id, dto as Partial<ChallengeInput> & { version: number });
  }

  @Authenticated()
  @Post('challenges/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: ChallengeViewDto, description: '提交平台审核发布' })
  submit(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ChallengeView> {
    return this.challenges.submit(user, id);
  }

  @Authenticated()
  @Post('challenges/:id/applications')
  @ApiBody({ type: CreateApplicationDto })
  @ApiCreatedResponse({ type: ApplicationViewDto, description: '揭榜：每个机构每个榜单一份方案' })
  @ApiConflictResponse({ description: '本机构已揭榜（CHALLENGE_ALREADY_APPLIED）或已截止' })
  @ApiUnprocessableEntityResponse({ description: '不符合揭榜条件，details 列出每条原因' })
  apply(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CreateApplicationDto): Promise<ApplicationView> {
    return this.applications.apply(user, id, dto);
  }

  @Authenticated()
  @Post('challenges/:id/objections')
  @ApiBody({ type: ObjectionDto })
  @ApiCreatedResponse({ type: ObjectionViewDto, description: '公示期内提出异议' })
  object(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ObjectionDto): Promise<ObjectionView> {
    return this.challenges.object(user, id, dto.text);
  }

  @Authenticated()
  @Get('challenges/:id/milestones')
  @ApiOkResponse({ type: [MilestoneViewDto], description: '里程碑：揭榜团队看本团队的，验收人、发榜机构和平台管理员看全部' })
  milestonesOf(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<MilestoneView[]> {
    return this.milestones.list(user, id);
  }
}
