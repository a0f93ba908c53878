import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { FulfilmentView, PaymentView, RoyaltyReportView } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser } from '@ztt/platform';
import { ContractFulfilmentService } from './contract-fulfilment.service';
import {
  FulfilmentViewDto,
  PaymentDecisionDto,
  ContractPaymentViewDto,
  RecordPaymentDto,
  RoyaltyDecisionDto,
  RoyaltyReportDto,
  RoyaltyReportViewDto,
  TrialDecisionDto,
} from './dto/contract-fulfilment.dto';

const uuid = new ParseUUIDPipe();

/** 履约: a signed contract's schedule, payments, royalty reports and 先用后转 trial. */
@ApiTags('deals')
@Authenticated()
@Controller('deals')
export class ContractFulfilmentController {
  constructor(private readonly fulfilment: ContractFulfilmentService) {}

  @Get(':id/fulfilment')
  @ApiOkResponse({
    type: FulfilmentViewDto,
    description: '履约情况：履约计划（含逾期）、付款、提成报告、先用后转试用，以及当前用户可做的操作（双方成员、经纪人、平台管理员可见；其他人 404）',
  })
  view(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<FulfilmentView> {
    return this.fulfilment.view(user, id);
  }

  @Post(':id/payments')
  @ApiCreatedResponse({ type: ContractPaymentViewDto, description: '付款方（需方成员或本对接经纪人）登记一笔付款，待收款方确认；合同签约后可用' })
  recordPayment(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: RecordPaymentDto): Promise<PaymentView> {
    return this.fulfilment.recordPayment(user, id, dto);
  }

  @Post(':id/payments/:paymentId/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: ContractPaymentViewDto, description: '收款方（供方成员）确认收款（可登记奖酬）或退回（须说明原因）；已处理的不能再改' })
  decidePayment(
    @CurrentUser() user: AuthContext,
    @Param('id', uuid) id: string,
    @Param('paymentId', uuid) paymentId: string,
    @Body() dto: PaymentDecisionDto,
  ): Promise<PaymentView> {
    return this.fulfilment.decidePayment(user, id, paymentId, dto);
  }

  @Post(':id/royalty-reports')
  @ApiCreatedResponse({ type: RoyaltyReportViewDto, description: '被许可方提交一期销售额（或利润），按合同比例计算提成，待许可方确认' })
  reportRoyalty(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: RoyaltyReportDto): Promise<RoyaltyReportView> {
    return this.fulfilment.reportRoyalty(user, id, dto);
  }

  @Post(':id/royalty-reports/:reportId/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: RoyaltyReportViewDto, description: '许可方接受（生成应付提成，并抵扣当年最低提成）或提出异议（须说明原因，被许可方可重新提交）' })
  decideRoyalty(
    @CurrentUser() user: AuthContext,
    @Param('id', uuid) id: string,
    @Param('reportId', uuid) reportId: string,
    @Body() dto: RoyaltyDecisionDto,
  ): Promise<RoyaltyReportView> {
    return this.fulfilment.decideRoyalty(user, id, reportId, dto);
  }

  @Post(':id/trial')
  @HttpCode(200)
  @ApiOkResponse({
    type: FulfilmentViewDto,
    description: '先用后转试用的结果：转为许可或转让（开启关联的新对接）、延长试用、或不转化退回；转化截止日过后未决定的由定时任务按合同约定处理',
  })
  decideTrial(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: TrialDecisionDto): Promise<FulfilmentView> {
    return this.fulfilment.decideTrial(user, id, dto);
  }
}
