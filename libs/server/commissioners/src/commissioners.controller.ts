import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  COMMISSIONER_LIMITS,
  CommissionerCandidate,
  CommissionerMatchView,
  CommissionerPublicView,
  CommissionerView,
  Page,
  PlatformRole,
  ServiceLogView,
  ServicePlanItemView,
} from '@ztt/contracts';
import { AcceptsOneFile, Authenticated, AuthContext, CurrentUser, fileDownload, PageQueryDto, Public, RequireRoles, UploadedFile, UploadedOne } from '@ztt/platform';
import { CommissionerMatchesService } from './commissioner-matches.service';
import { CommissionersService } from './commissioners.service';
import {
  CommissionerCandidateDto,
  CommissionerDto,
  CommissionerMatchDto,
  CommissionerPageDto,
  CommissionerPublicPageDto,
  ConfirmServiceDto,
  CreateAssignmentDto,
  CreateCommissionerDto,
  CreatePlanItemDto,
  CreateServiceLogDto,
  PlanQueryDto,
  ServiceLogDto,
  ServiceLogPageDto,
  ServicePlanItemDto,
  UpdateCommissionerDto,
} from './dto/commissioner.dto';
import { ServiceLogsService } from './service-logs.service';

const uuid = new ParseUUIDPipe();
const fileBody = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } as const;

/** The public roster: names, institutions, specialties and counties; no contact details. */
@ApiTags('commissioners')
@Controller('commissioners')
export class CommissionersController {
  constructor(private readonly commissioners: CommissionersService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: CommissionerPublicPageDto, description: '科技特派员名录（公开）' })
  roster(@Query() q: PageQueryDto): Promise<Page<CommissionerPublicView>> {
    return this.commissioners.publicRoster(q.page, q.pageSize);
  }
}

/** Platform admins keep the roster and the assignments. */
@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/commissioners')
export class AdminCommissionersController {
  constructor(private readonly commissioners: CommissionersService) {}

  @Get()
  @ApiOkResponse({ type: CommissionerPageDto, description: '科技特派员名录及派驻' })
  list(@Query() q: PageQueryDto): Promise<Page<CommissionerView>> {
    return this.commissioners.list(q.page, q.pageSize);
  }

  @Get('candidates')
  @ApiOkResponse({ type: [CommissionerCandidateDto], description: '已授予“科技特派员”角色、尚未入册的用户' })
  candidates(): Promise<CommissionerCandidate[]> {
    return this.commissioners.candidates();
  }

  @Post()
  @ApiCreatedResponse({ type: CommissionerDto, description: '将用户加入科技特派员名录' })
  create(@CurrentUser() user: AuthContext, @Body() dto: CreateCommissionerDto): Promise<CommissionerView> {
    return this.commissioners.create(user, dto);
  }

  @Patch(':id')
  @ApiOkResponse({ type: CommissionerDto, description: '修改派出单位、专长或在册状态' })
  update(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: UpdateCommissionerDto): Promise<CommissionerView> {
    return this.commissioners.update(user, id, dto);
  }

  @Post(':id/assignments')
  @ApiCreatedResponse({ type: CommissionerDto, description: '派驻到县（市、区），可指定镇或服务对象' })
  assign(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CreateAssignmentDto): Promise<CommissionerView> {
    return this.commissioners.assign(user, id, dto);
  }

  @Delete('assignments/:id')
  @ApiOkResponse({ type: CommissionerDto, description: '撤销一项派驻' })
  unassign(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<CommissionerView> {
    return this.commissioners.unassign(user, id);
  }
}

/** The commissioner's workbench: their entry, yearly list, services and matches. */
@ApiTags('commissioners')
@RequireRoles(PlatformRole.Commissioner)
@Controller('commissioner')
export class CommissionerWorkbenchController {
  constructor(
    private readonly commissioners: CommissionersService,
    private readonly logs: ServiceLogsService,
    private readonly suggestions: CommissionerMatchesService,
  ) {}

  @Get('me')
  @ApiOkResponse({ type: CommissionerDto, description: '本人的名录信息与派驻；未入册时 404' })
  me(@CurrentUser() user: AuthContext): Promise<CommissionerView> {
    return this.commissioners.mine(user);
  }

  @Get('plan')
  @ApiOkResponse({ type: [ServicePlanItemDto], description: '年度科技服务清单' })
  plan(@CurrentUser() user: AuthContext, @Query() q: PlanQueryDto): Promise<ServicePlanItemView[]> {
    return this.logs.plan(user, q.year);
  }

  @Post('plan-items')
  @ApiCreatedResponse({ type: [ServicePlanItemDto], description: '在年度清单中加一项，返回该年度清单' })
  addPlanItem(@CurrentUser() user: AuthContext, @Body() dto: CreatePlanItemDto): Promise<ServicePlanItemView[]> {
    return this.logs.addPlanItem(user, dto);
  }

  @Delete('plan-items/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: '删除年度清单中的一项' })
  removePlanItem(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<void> {
    return this.logs.removePlanItem(user, id);
  }

  @Get('service-logs')
  @ApiOkResponse({ type: ServiceLogPageDto, description: '本人登记的服务' })
  serviceLogs(@CurrentUser() user: AuthContext, @Query() q: PageQueryDto): Promise<Page<ServiceLogView>> {
    return this.logs.myLogs(user, q.page, q.pageSize);
  }

  @Post('service-logs')
  @ApiCreatedResponse({ type: ServiceLogDto, description: '登记一次服务；通知服务对象确认' })
  log(@CurrentUser() user: AuthContext, @Body() dto: CreateServiceLogDto): Promise<ServiceLogView> {
    return this.logs.log(user, dto);
  }

  @Post('service-logs/:id/files')
  @AcceptsOneFile('file', COMMISSIONER_LIMITS.fileBytesMax)
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  @ApiCreatedResponse({ type: ServiceLogDto, description: '服务照片或 PDF，不超过 5 MB；确认后不能再加' })
  attach(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @UploadedOne() file: UploadedFile | undefined): Promise<ServiceLogView> {
    return this.logs.attach(user, id, file);
  }

  @Get('matches')
  @ApiOkResponse({ type: [CommissionerMatchDto], description: '派驻县内、符合本人专长的已发布需求，附命中的产业链与关键词' })
  matches(@CurrentUser() user: AuthContext): Promise<CommissionerMatchView[]> {
    return this.suggestions.matches(user);
  }
}

/** The served organisation's side: its services, their confirmation, and the files. */
@ApiTags('commissioners')
@Authenticated()
@Controller()
export class ServedPartyController {
  constructor(private readonly logs: ServiceLogsService) {}

  @Get('my/services')
  @ApiOkResponse({ type: ServiceLogPageDto, description: '科技特派员为本机构登记的服务，待确认的在前' })
  served(@CurrentUser() user: AuthContext, @Query() q: PageQueryDto): Promise<Page<ServiceLogView>> {
    return this.logs.served(user, q.page, q.pageSize);
  }

  @Post('service-logs/:id/confirmation')
  @ApiCreatedResponse({ type: ServiceLogDto, description: '服务对象的成员确认并评价（仅一次；再次确认 409）' })
  confirm(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ConfirmServiceDto): Promise<ServiceLogView> {
    return this.logs.confirm(user, id, dto);
  }

  @Get('service-files/:id')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: '下载服务照片或文件：科技特派员本人、服务对象成员、平台管理员' })
  async download(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<StreamableFile> {
    const { file, data } = await this.logs.openFile(user, id);
    return fileDownload(data, file.mimeType, file.fileName);
  }
}
