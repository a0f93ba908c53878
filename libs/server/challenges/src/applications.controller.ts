import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApplicationView, ChallengeFileView, ITEM_LIMITS, MilestoneView, Page } from '@ztt/contracts';
import { AcceptsOneFile, Authenticated, AuthContext, CurrentUser, fileDownload, PageQueryDto, UploadedFile, UploadedOne } from '@ztt/platform';
import { ApplicationsService } from './applications.service';
import { ReasonDto } from './dto/challenge.dto';
import { ReviewMilestoneDto, SubmitMilestoneDto, UpdateApplicationDto } from './dto/application.dto';
import { ChallengeFilesService } from './files.service';
import { MilestonesService } from './milestones.service';
import { ApplicationPageDto, ApplicationViewDto, ChallengeFileViewDto, MilestoneViewDto } from './dto/views.dto';

const uuid = new ParseUUIDPipe();
const upload = AcceptsOneFile('file', ITEM_LIMITS.attachmentBytesMax);
const fileBody = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } } as const;

@ApiTags('challenges')
@Authenticated()
@Controller()
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly milestones: MilestonesService,
    private readonly files: ChallengeFilesService,
  ) {}

  @Get('my/challenge-applications')
  @ApiOkResponse({ type: ApplicationPageDto, description: '本机构的揭榜方案' })
  mine(@CurrentUser() user: AuthContext, @Query() q: PageQueryDto): Promise<Page<ApplicationView>> {
    return this.applications.mine(user, q.page, q.pageSize);
  }

  @Get('challenge-applications/:id')
  @ApiOkResponse({ type: ApplicationViewDto, description: '揭榜方案：本机构成员、平台管理员、未回避的评审专家、入选后的验收人可见' })
  get(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ApplicationView> {
    return this.applications.get(user, id);
  }

  @Patch('challenge-applications/:id')
  @ApiOkResponse({ type: ApplicationViewDto, description: '截止前修改方案；版本过期则 409' })
  update(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: UpdateApplicationDto): Promise<ApplicationView> {
    return this.applications.update(user, id, dto);
  }

  @Post('challenge-applications/:id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: ApplicationViewDto, description: '撤回方案' })
  withdraw(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ApplicationView> {
    return this.applications.withdraw(user, id);
  }

  @Post('challenge-applications/:id/attachments')
  @upload
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  @ApiCreatedResponse({ type: ChallengeFileViewDto, description: 'PDF、图片或 Office 文件，不超过 10 MB' })
  attach(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @UploadedOne() file: UploadedFile | undefined): Promise<ChallengeFileView> {
    return this.files.uploadToApplication(user, id, file);
  }

  @Post('challenge-applications/:id/eliminate')
  @HttpCode(204)
  @ApiBody({ type: ReasonDto })
  @ApiNoContentResponse({ description: '赛马制：淘汰里程碑验收未通过的团队（验收人或平台管理员）' })
  eliminate(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ReasonDto): Promise<void> {
    return this.milestones.eliminate(user, id, dto.reason);
  }

  @Get('challenge-files/:id')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: '下载揭榜方案附件或里程碑交付物' })
  async download(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<StreamableFile> {
    const { file, data } = await this.files.open(user, id);
    return fileDownload(data, file.mimeType, file.fileName);
  }

  @Post('challenge-milestones/:id/submit')
  @HttpCode(200)
  @ApiOkResponse({ type: MilestoneViewDto, description: '提交里程碑交付物与对照指标的报告' })
  submitMilestone(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: SubmitMilestoneDto): Promise<MilestoneView> {
    return this.milestones.submit(user, id, dto.report, dto.indicatorResults);
  }

  @Post('challenge-milestones/:id/files')
  @upload
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  @ApiCreatedResponse({ type: ChallengeFileViewDto, description: '里程碑交付物文件' })
  attachDeliverable(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @UploadedOne() file: UploadedFile | undefined): Promise<ChallengeFileView> {
    return this.files.uploadToMilestone(user, id, file);
  }

  @Post('challenge-milestones/:id/review')
  @HttpCode(200)
  @ApiOkResponse({ type: MilestoneViewDto, description: '验收通过（记录拨付）或退回修改' })
  reviewMilestone(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: ReviewMilestoneDto): Promise<MilestoneView> {
    return this.milestones.review(user, id, dto.decision, dto.comment);
  }
}
