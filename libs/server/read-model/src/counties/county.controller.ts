import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  CountyCampaignView,
  CountyReachView,
  CountyNeedListView,
  CountyDealView,
  CountyItemView,
  CountyMatchView,
  CountyPublicView,
  CountyScopeView,
  PlatformRole,
} from '@ztt/contracts';
import { AuthContext, CurrentUser, Public, RequireRoles } from '@ztt/platform';
import { CountyDealDto, CountyItemDto, CountyMatchDto, CountyCampaignDto, CountyPublicDto, CountyReachDto, CountyScopeDto } from './county.dto';
import { CountyNeedListDto, CountyNeedListYearDto, SaveCountyNeedListDto } from './county-need-list.dto';
import { CountyService } from './county.service';

/** 县区科技管理人员: their own county only; any record of another county answers 404. */
@ApiTags('county')
@RequireRoles(PlatformRole.CountyOfficial)
@Controller('county')
export class CountyOfficialController {
  constructor(private readonly counties: CountyService) {}

  @Get()
  @ApiOkResponse({ type: CountyScopeDto, description: '本人负责的县（市、区）' })
  scope(@CurrentUser() actor: AuthContext): Promise<CountyScopeView> {
    return this.counties.scope(actor);
  }

  @Get('needs')
  @ApiOkResponse({ type: [CountyItemDto], description: '本县已发布和审核中的技术需求' })
  needs(@CurrentUser() actor: AuthContext): Promise<CountyItemView[]> {
    return this.counties.items(actor, 'need');
  }

  @Get('needs/:id')
  @ApiOkResponse({ type: CountyItemDto })
  need(@CurrentUser() actor: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<CountyItemView> {
    return this.counties.item(actor, 'need', id);
  }

  @Get('achievements')
  @ApiOkResponse({ type: [CountyItemDto], description: '本县已发布和审核中的科技成果' })
  achievements(@CurrentUser() actor: AuthContext): Promise<CountyItemView[]> {
    return this.counties.items(actor, 'achievement');
  }

  @Get('achievements/:id')
  @ApiOkResponse({ type: CountyItemDto })
  achievement(@CurrentUser() actor: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<CountyItemView> {
    return this.counties.item(actor, 'achievement', id);
  }

  @Get('matches')
  @ApiOkResponse({ type: [CountyMatchDto], description: '涉及本县需求或成果的匹配' })
  matches(@CurrentUser() actor: AuthContext): Promise<CountyMatchView[]> {
    return this.counties.matches(actor);
  }

  @Get('deals')
  @ApiOkResponse({ type: [CountyDealDto], description: '任一方机构在本县的交易（只读摘要：阶段、双方、金额）' })
  deals(@CurrentUser() actor: AuthContext): Promise<CountyDealView[]> {
    return this.counties.deals(actor);
  }

  @Get('deals/:id')
  @ApiOkResponse({ type: CountyDealDto })
  deal(@CurrentUser() actor: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<CountyDealView> {
    return this.counties.deal(actor, id);
  }

  @Get('campaigns')
  @ApiOkResponse({ type: [CountyCampaignDto], description: '针对本县的征集活动进度：本县目标、已提交、已发布' })
  campaigns(@CurrentUser() actor: AuthContext): Promise<CountyCampaignView[]> {
    return this.counties.campaignProgress(actor);
  }

  @Get('reach')
  @ApiOkResponse({ type: [CountyReachDto], description: '入县达镇：已发布成果触达本县机构（按乡镇/街道）' })
  reach(@CurrentUser() actor: AuthContext): Promise<CountyReachView[]> {
    return this.counties.reach(actor);
  }

  @Get('need-lists/:year')
  @ApiOkResponse({ type: CountyNeedListDto, description: '本县该年度的县域产业技术需求清单（未保存时为空草稿）' })
  needList(@CurrentUser() actor: AuthContext, @Param() p: CountyNeedListYearDto): Promise<CountyNeedListView> {
    return this.counties.needList(actor, p.year);
  }

  @Put('need-lists/:year')
  @ApiOkResponse({ type: CountyNeedListDto, description: '保存清单条目（整体替换）' })
  saveNeedList(@CurrentUser() actor: AuthContext, @Param() p: CountyNeedListYearDto, @Body() dto: SaveCountyNeedListDto): Promise<CountyNeedListView> {
    return this.counties.saveNeedList(actor, p.year, dto.entries);
  }

  @Post('need-lists/:year/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: CountyNeedListDto, description: '发布清单：此后在县区公开页展示' })
  publishNeedList(@CurrentUser() actor: AuthContext, @Param() p: CountyNeedListYearDto): Promise<CountyNeedListView> {
    return this.counties.publishNeedList(actor, p.year);
  }
}

/** The public county page: no sign-in. */
@ApiTags('public')
@Controller('counties')
export class PublicCountyController {
  constructor(private readonly counties: CountyService) {}

  @Public()
  @Get(':code')
  @ApiOkResponse({ type: CountyPublicDto, description: '县区公开页：需求、成果、榜单、交易数与年度指标分解进度' })
  county(@Param('code') code: string): Promise<CountyPublicView> {
    return this.counties.publicView(code);
  }
}
