import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PlatformRole, ReviewApplicationView, ReviewerPanelView } from '@ztt/contracts';
import { AuthContext, CurrentUser, RequireRoles } from '@ztt/platform';
import { DeclarationDto, ScoreDto } from './dto/application.dto';
import { ReviewService } from './review.service';
import { ReviewApplicationViewDto, ReviewerPanelViewDto } from './dto/views.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('challenge review')
@RequireRoles(PlatformRole.Reviewer)
@Controller('review')
export class ChallengeReviewController {
  constructor(private readonly review: ReviewService) {}

  @Get('challenges')
  @ApiOkResponse({ type: [ReviewerPanelViewDto], description: '我参加的评审组' })
  panels(@CurrentUser() user: AuthContext): Promise<ReviewerPanelView[]> {
    return this.review.myPanels(user);
  }

  @Get('challenges/:id')
  @ApiOkResponse({ type: ReviewerPanelViewDto, description: '评审组：方案列表、回避情况、是否已评分' })
  panel(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ReviewerPanelView> {
    return this.review.forReviewer(user, id);
  }

  @Put('challenges/:id/declaration')
  @ApiOkResponse({ type: ReviewerPanelViewDto, description: '利益冲突声明' })
  declare(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: DeclarationDto): Promise<ReviewerPanelView> {
    return this.review.declare(user, id, dto.conflictApplicationIds, dto.statement);
  }

  @Get('challenge-applications/:id')
  @ApiOkResponse({ type: ReviewApplicationViewDto, description: '待评方案；他人评分在本人提交后才可见' })
  application(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ReviewApplicationView> {
    return this.review.application(user, id);
  }

  @Post('challenge-applications/:id/score')
  @ApiCreatedResponse({ type: ReviewApplicationViewDto, description: '按评审指标逐项打分（提交后不可更改）' })
  @ApiConflictResponse({ description: '已评分（CHALLENGE_ALREADY_SCORED）或未声明利益冲突' })
  score(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ScoreDto): Promise<ReviewApplicationView> {
    return this.review.score(user, id, dto.scores, dto.comment);
  }
}
