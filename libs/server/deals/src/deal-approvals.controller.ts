import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { DealApprovalState, DealApprovalView, Page } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, PageQueryDto } from '@ztt/platform';
import { DealApprovalsService } from './deal-approvals.service';
import { ApprovalDecisionDto, DealApprovalPageDto, DealApprovalStateDto, DealApprovalViewDto, RequestApprovalDto } from './dto/deal-approval.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('deals')
@Authenticated()
@Controller('deals')
export class DealApprovalController {
  constructor(private readonly approvals: DealApprovalsService) {}

  @Get(':id/approval')
  @ApiOkResponse({ type: DealApprovalStateDto, description: '职务科技成果的单位审批：是否需要、能否签约、最近一次审批（经纪人、双方成员、平台管理员可见；其他人 404）' })
  state(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<DealApprovalState> {
    return this.approvals.state(user, id);
  }

  @Post(':id/approval')
  @ApiCreatedResponse({ type: DealApprovalStateDto, description: '提请成果所属单位审批（本对接的经纪人或平台管理员），通知该单位成员' })
  request(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: RequestApprovalDto): Promise<DealApprovalState> {
    return this.approvals.request(user, id, dto.noticeDays ?? 0);
  }
}

@ApiTags('deals')
@Authenticated()
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly approvals: DealApprovalsService) {}

  @Get()
  @ApiOkResponse({ type: DealApprovalPageDto, description: '技术转移办公室的审批队列：我担任管理员的单位的待审批与近期已审批' })
  queue(@CurrentUser() user: AuthContext, @Query() q: PageQueryDto): Promise<Page<DealApprovalView>> {
    return this.approvals.queue(user, q.page, q.pageSize);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: DealApprovalViewDto, description: '同意（自今日起计公示期）或不同意（须填写理由）；已审批的不能再改（409）' })
  decide(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ApprovalDecisionDto): Promise<DealApprovalView> {
    return this.approvals.decide(user, id, dto.decision, dto.comment);
  }
}
