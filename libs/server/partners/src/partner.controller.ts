import { Body, Controller, Get, Post, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ItemView, PartnerScope } from '@ztt/contracts';
import { AchievementViewDto, ItemInput, NeedViewDto } from '@ztt/catalogue';
import { AppException, createValidationPipe } from '@ztt/platform';
import { FeedQueryDto, PartnerAchievementDto, PartnerFeedPageDto, PartnerNeedDto } from './dto/partner.dto';
import { PartnerRoute, PartnerRequest } from './partner-auth';
import { PartnerFeedPage, PartnerFeedService } from './partner-feed.service';
import { PartnerSubmissionsService } from './partner-submissions.service';

/** The worked example shown in the OpenAPI document (docs/security.md #29). */
export const PARTNER_API_EXAMPLE = `合作机构接口（partner API）使用平台管理员签发的 API 密钥调用，不使用登录会话。
Partners call with an API key issued by a platform admin, not with a session.

1. 管理员签发密钥 / an admin issues a key (the whole key is shown once only; the platform keeps its SHA-256):

    POST /api/admin/partner-keys   (Authorization: Bearer <admin access token>)
    {"orgId": "<organisation id>", "name": "湛茂成果共享", "scopes": ["catalogue:read", "challenges:read"], "ratePerMinute": 120, "expiresAt": "2027-12-31T16:00:00Z"}
    → 201 {"key": {"id": "…", "keyId": "3f9a0c1b2d4e", "status": "active", …}, "secret": "ztt_3f9a0c1b2d4e_Yk3…"}

2. 合作方读取变更 / the partner reads the changes, with the key in X-Api-Key (or Authorization: Bearer ztt_…):

    GET /api/partner/feed?limit=100    (X-Api-Key: ztt_3f9a0c1b2d4e_Yk3…)
    → 200 {"entries": [{"kind": "need", "id": "…", "change": "upsert", "changedAt": "…", "item": {"title": "…", …}}, …], "nextCursor": "eyJ2Ijox…", "hasMore": true}

3. 沿 nextCursor 继续，直到 hasMore 为 false；保存最后的 nextCursor，下次从这里同步 / follow nextCursor while hasMore is true; keep the last one and start there next time:

    GET /api/partner/feed?cursor=eyJ2Ijox…&limit=100

   change 为 tombstone 的条目已撤回、关闭、过期或退回修改：请从贵方目录中删除（item 为 null）。
   A tombstone (item null) left the public catalogue: withdrawn, closed, expired or back in review; remove it on your side.

错误 / errors: 401 API_KEY_INVALID (missing, unknown, revoked or expired key), 403 FORBIDDEN (the key lacks the route's scope), 429 RATE_LIMITED with Retry-After (past the key's limit a minute).`;

@ApiTags('partner')
@Controller('partner')
export class PartnerController {
  constructor(
    private readonly feed: PartnerFeedService,
    private readonly submissions: PartnerSubmissionsService,
  ) {}

  @Get('feed')
  @PartnerRoute(PartnerScope.CatalogueRead, PartnerScope.ChallengesRead)
  @ApiOperation({
    summary: '变更流：自游标以来发布、更新或撤回的需求、成果（catalogue:read）和揭榜挂帅（challenges:read） / changes since the cursor',
    description: PARTNER_API_EXAMPLE,
  })
  @ApiOkResponse({ type: PartnerFeedPageDto })
  changes(@Req() req: PartnerRequest, @Query() q: FeedQueryDto): Promise<PartnerFeedPage> {
    return this.feed.page(req.partner?.scopes ?? [], q.cursor, q.limit);
  }

  @Post('needs')
  @PartnerRoute(PartnerScope.ItemsSubmit)
  @ApiOperation({
    summary: '提交需求（items:submit）：以密钥所属机构的名义创建并提交审核，审核通过后才发布 / submits a need of the key organisation for review',
  })
  @ApiBody({ type: PartnerNeedDto })
  @ApiCreatedResponse({ type: NeedViewDto, description: '已提交审核（status: submitted），未发布 / submitted for review, not published' })
  @ApiBadRequestResponse({ description: '输入不合法（VALIDATION_FAILED），信息为中文 / invalid input' })
  submitNeed(@Req() req: PartnerRequest, @Body(createValidationPipe(PartnerNeedDto)) dto: ItemInput): Promise<ItemView> {
    return this.submissions.submit(callerOf(req), 'need', dto);
  }

  @Post('achievements')
  @PartnerRoute(PartnerScope.ItemsSubmit)
  @ApiOperation({
    summary: '提交成果（items:submit）：以密钥所属机构的名义创建并提交审核，审核通过后才发布 / submits an achievement of the key organisation for review',
  })
  @ApiBody({ type: PartnerAchievementDto })
  @ApiCreatedResponse({ type: AchievementViewDto, description: '已提交审核（status: submitted），未发布 / submitted for review, not published' })
  @ApiBadRequestResponse({ description: '输入不合法（VALIDATION_FAILED），信息为中文 / invalid input' })
  submitAchievement(@Req() req: PartnerRequest, @Body(createValidationPipe(PartnerAchievementDto)) dto: ItemInput): Promise<ItemView> {
    return this.submissions.submit(callerOf(req), 'achievement', dto);
  }
}

function callerOf(req: PartnerRequest) {
  if (!req.partner) throw AppException.forbidden();
  return req.partner;
}
