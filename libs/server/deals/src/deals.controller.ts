import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  ContractView,
  DealConfidentialView,
  DealDocumentView,
  DealEventView,
  DealMessageView,
  DealNoteView,
  DealTaskView,
  DealView,
  ITEM_LIMITS,
  Page,
  PlatformRole,
  ScheduleItemView,
} from '@ztt/contracts';
import { AcceptsOneFile, Authenticated, AuthContext, CurrentUser, fileDownload, RequireRoles, UploadedFile, UploadedOne } from '@ztt/platform';
import { DealWorkService } from './deal-work.service';
import { DealsService } from './deals.service';
import { CONTRACT_TERMS_DTOS, ScheduleItemViewDto } from './dto/contract-terms.dto';
import {
  CommissionDecisionDto,
  CommissionDto,
  ContractDto,
  DealListQueryDto,
  DocumentFieldsDto,
  MessageDto,
  MoveDealDto,
  NoteDto,
  OpenDealDto,
  TaskDto,
  UpdateDealDto,
} from './dto/deal.dto';

const uuid = new ParseUUIDPipe();

@ApiTags('deals')
@ApiExtraModels(...CONTRACT_TERMS_DTOS)
@Authenticated()
@Controller('deals')
export class DealsController {
  constructor(
    private readonly deals: DealsService,
    private readonly work: DealWorkService,
  ) {}

  @Get()
  @ApiOkResponse({ description: '我的对接：我负责的，以及我所在机构参与的（可按阶段、关键词筛选）' })
  list(@CurrentUser() user: AuthContext, @Query() q: DealListQueryDto): Promise<Page<DealView>> {
    return this.deals.list(user, q);
  }

  @Post()
  @RequireRoles(PlatformRole.Broker)
  @ApiCreatedResponse({ description: '由匹配发起对接（matchId），或手工指定需求与成果' })
  open(@CurrentUser() user: AuthContext, @Body() dto: OpenDealDto): Promise<DealView> {
    return this.deals.open(user, dto);
  }

  @Get(':id')
  @ApiOkResponse({ description: '一项对接（经纪人、双方成员、平台管理员可见；其他人 404）' })
  get(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<DealView> {
    return this.deals.view(user, id);
  }

  @Patch(':id')
  @ApiOkResponse({ description: '修改对接信息；version 过期则 409' })
  update(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: UpdateDealDto): Promise<DealView> {
    return this.deals.update(user, id, dto);
  }

  @Post(':id/stage')
  @HttpCode(200)
  @ApiOkResponse({ description: '推进到下一阶段或标记未成交，附该关口所需信息' })
  move(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: MoveDealDto): Promise<DealView> {
    return this.deals.move(user, id, dto);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ description: '双方共享的进展时间线（不含经纪人私密备注）' })
  timeline(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<DealEventView[]> {
    return this.work.timeline(user, id);
  }

  @Get(':id/confidential')
  @ApiOkResponse({ description: '需求与成果的保密信息（仅本对接的经纪人，每次查看记入审计日志）' })
  confidential(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<DealConfidentialView> {
    return this.work.confidential(user, id);
  }

  @Get(':id/notes')
  @ApiOkResponse({ description: '经纪人私密备注（仅本对接的经纪人）' })
  notes(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<DealNoteView[]> {
    return this.work.notes(user, id);
  }

  @Post(':id/notes')
  @ApiCreatedResponse({ description: '添加私密备注' })
  addNote(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: NoteDto): Promise<DealNoteView> {
    return this.work.addNote(user, id, dto.body);
  }

  @Get(':id/tasks')
  @ApiOkResponse({ description: '任务（仅经纪人）' })
  tasks(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<DealTaskView[]> {
    return this.work.tasks(user, id);
  }

  @Post(':id/tasks')
  @ApiCreatedResponse({ description: '添加任务，到提醒时间通知负责人' })
  addTask(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: TaskDto): Promise<DealTaskView> {
    return this.work.addTask(user, id, dto);
  }

  @Post(':id/tasks/:taskId/done')
  @HttpCode(200)
  @ApiOkResponse({ description: '完成任务' })
  completeTask(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Param('taskId', uuid) taskId: string): Promise<DealTaskView> {
    return this.work.completeTask(user, id, taskId);
  }

  @Get(':id/documents')
  @ApiOkResponse({ description: '文件（双方只见共享的文件）；同类同名按版本保存' })
  documents(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<DealDocumentView[]> {
    return this.work.documents(user, id);
  }

  @Post(':id/documents')
  @AcceptsOneFile('file', ITEM_LIMITS.attachmentBytesMax)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({
    description:
      '上传保密协议、条款清单、合同草稿等（PDF、图片或 Office，10 MB 以内）；kind、title、shared 在查询参数中。经纪人可上传各类文件；付款方（需方成员）可上传付款凭证（kind=payment_proof，双方可见）',
  })
  upload(
    @CurrentUser() user: AuthContext,
    @Param('id', uuid) id: string,
    @Query() fields: DocumentFieldsDto,
    @UploadedOne() file: UploadedFile | undefined,
  ): Promise<DealDocumentView> {
    return this.work.upload(user, id, fields, file);
  }

  @Get(':id/messages')
  @ApiOkResponse({ description: '发给双方的消息（各方只见发给自己的）' })
  messages(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<DealMessageView[]> {
    return this.work.messages(user, id);
  }

  @Post(':id/messages')
  @ApiCreatedResponse({ description: '给一方或双方发消息（站内通知与邮件）' })
  send(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: MessageDto): Promise<DealMessageView> {
    return this.work.sendMessage(user, id, dto);
  }

  @Get(':id/contract')
  @ApiOkResponse({ description: '技术合同信息（未填写时为 null）' })
  contract(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ContractView | null> {
    return this.deals.contract(user, id);
  }

  @Put(':id/contract')
  @ApiOkResponse({ description: '填写或修改技术合同（登记后不可改）' })
  saveContract(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ContractDto): Promise<ContractView> {
    return this.deals.saveContract(user, id, dto);
  }

  @Get(':id/schedule')
  @ApiOkResponse({ type: [ScheduleItemViewDto], description: '履约计划：由合同条款生成的分期付款、入门费、最低提成、提成报告与各项期限（可见范围同合同；未填条款时为空）' })
  schedule(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ScheduleItemView[]> {
    return this.deals.schedule(user, id);
  }

  @Put(':id/commission')
  @ApiOkResponse({ description: '提出佣金条款（比例或固定金额），待平台管理员确认' })
  commission(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CommissionDto): Promise<DealView> {
    return this.deals.proposeCommission(user, id, dto);
  }
}

@ApiTags('deals')
@Authenticated()
@Controller('deal-documents')
export class DealDocumentsController {
  constructor(private readonly work: DealWorkService) {}

  @Get(':id')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'the file, as an attachment download' })
  async download(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<StreamableFile> {
    const { doc, data } = await this.work.openDocument(user, id);
    return fileDownload(data, doc.mimeType, doc.fileName);
  }
}

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin')
export class AdminDealsController {
  constructor(private readonly deals: DealsService) {}

  @Get('deals')
  @ApiOkResponse({ description: '全部对接' })
  list(@CurrentUser() user: AuthContext, @Query() q: DealListQueryDto): Promise<Page<DealView>> {
    return this.deals.list(user, q, true);
  }

  @Post('deals/:id/commission/decision')
  @HttpCode(200)
  @ApiOkResponse({ description: '确认或驳回佣金；本对接的经纪人不能审批自己的佣金（403）' })
  decide(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CommissionDecisionDto): Promise<DealView> {
    return this.deals.decideCommission(user, id, dto.decision);
  }
}
