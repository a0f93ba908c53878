import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ExpertProfileView, ExpertPublicView, Page, PanelSuggestionsView, PlatformRole } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, PageQueryDto, Public, RequireRoles } from '@ztt/platform';
import { ExpertListQueryDto, ExpertProfileDto, ExpertProfilePageDto, ExpertProfileViewDto, ExpertPublicPageDto, PanelSuggestionsDto, ReviewExpertDto } from './dto/expert.dto';
import { ExpertsService } from './experts.service';

const uuid = new ParseUUIDPipe();

/** The public expert directory: verified experts' names, kinds, titles, chains and keywords; no contact details, no conflicts. */
@ApiTags('experts')
@Controller('experts')
export class ExpertsController {
  constructor(private readonly experts: ExpertsService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: ExpertPublicPageDto, description: '专家库（公开，仅已审核的专家）' })
  directory(@Query() q: PageQueryDto): Promise<Page<ExpertPublicView>> {
    return this.experts.directory(q.page, q.pageSize);
  }
}

/** A signed-in person's own expertise profile. */
@ApiTags('experts')
@Authenticated()
@Controller('me/expert-profile')
export class MyExpertProfileController {
  constructor(private readonly experts: ExpertsService) {}

  @Get()
  @ApiOkResponse({ type: ExpertProfileViewDto, description: '本人的专家信息；未填写时 404' })
  mine(@CurrentUser() user: AuthContext): Promise<ExpertProfileView> {
    return this.experts.mine(user);
  }

  @Put()
  @ApiOkResponse({ type: ExpertProfileViewDto, description: '填写或修改本人的专家信息；保存后等待平台审核' })
  save(@CurrentUser() user: AuthContext, @Body() dto: ExpertProfileDto): Promise<ExpertProfileView> {
    return this.experts.save(user, dto);
  }
}

/** Platform admins verify profiles and ask for panel suggestions. */
@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin')
export class AdminExpertsController {
  constructor(private readonly experts: ExpertsService) {}

  @Get('experts')
  @ApiOkResponse({ type: ExpertProfilePageDto, description: '专家信息（含回避声明），可按审核状态筛选' })
  list(@Query() q: ExpertListQueryDto): Promise<Page<ExpertProfileView>> {
    return this.experts.list(q.status, q.page, q.pageSize);
  }

  @Post('experts/:id/review')
  @ApiCreatedResponse({ type: ExpertProfileViewDto, description: '审核通过或退回（退回须说明原因）；记入审计日志并通知本人' })
  review(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ReviewExpertDto): Promise<ExpertProfileView> {
    return this.experts.review(user, id, dto);
  }

  @Get('challenges/:id/panel-suggestions')
  @ApiOkResponse({ type: PanelSuggestionsDto, description: '按产业链与关键词推荐评审专家（附理由）；与揭榜方有关联的专家不推荐，单列并说明原因' })
  panelSuggestions(@Param('id', uuid) id: string): Promise<PanelSuggestionsView> {
    return this.experts.panelSuggestions(id);
  }
}
