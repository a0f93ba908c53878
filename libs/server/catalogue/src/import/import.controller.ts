import { Controller, Get, HttpCode, Param, ParseUUIDPipe, PipeTransform, Post, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuditAction, beijingDate, ItemKind, PlatformRole } from '@ztt/contracts';
import { AuditService } from '@ztt/audit';
import { AcceptsOneFile, AppException, Authenticated, AuthContext, CurrentUser, fileDownload, RequireRoles, UploadedFile, UploadedOne, XLSX_MIME } from '@ztt/platform';
import { ExportQueryDto, ImportQueryDto, ImportReportDto, OrgImportQueryDto } from './import.dto';
import { ImportReport, ImportService } from './import.service';
import { buildTemplate, IMPORT_BYTES_MAX, KIND_LABEL } from './spreadsheet';

/** `:kind` is 'need' or 'achievement'; anything else is a route that does not exist. */
const kindPipe: PipeTransform<string, ItemKind> = {
  transform: (v: string): ItemKind => {
    if (v === 'need' || v === 'achievement') return v;
    throw AppException.notFound();
  },
};

const FILE_SCHEMA = { type: 'string', format: 'binary' } as const;

/** 批量导入导出 for platform admins: the quarterly collection arrives as spreadsheets. */
@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin')
export class ImportController {
  constructor(
    private readonly imports: ImportService,
    private readonly audit: AuditService,
  ) {}

  @Get('import/:kind/template')
  @ApiParam({ name: 'kind', enum: ['need', 'achievement'] })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '导入模板：列名行、一行示例，以及“填写说明”表（各列说明与可选值）', schema: FILE_SCHEMA })
  async template(@Param('kind', kindPipe) kind: ItemKind): Promise<StreamableFile> {
    return fileDownload(await buildTemplate(kind), XLSX_MIME, `${KIND_LABEL[kind]}导入模板.xlsx`, `${kind}-import-template.xlsx`);
  }

  @Post('import/:kind')
  @HttpCode(200)
  @AcceptsOneFile('file', IMPORT_BYTES_MAX)
  @ApiParam({ name: 'kind', enum: ['need', 'achievement'] })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { ...FILE_SCHEMA, description: '.xlsx（第一张表）或 UTF-8 .csv，不超过 5 MB、5000 行' } } } })
  @ApiOkResponse({ type: ImportReportDto, description: '逐行校验结果；all-valid 时导入全部有效且不重复的行并直接发布' })
  @ApiUnsupportedMediaTypeResponse({ description: '不是 .xlsx 或 UTF-8 .csv' })
  @ApiPayloadTooLargeResponse({ description: '超过 5 MB' })
  run(@CurrentUser() user: AuthContext, @Param('kind', kindPipe) kind: ItemKind, @Query() q: ImportQueryDto, @UploadedOne() file: UploadedFile | undefined): Promise<ImportReport> {
    return this.imports.import(user, kind, file, q.mode);
  }

  @Get('export/:kind')
  @ApiParam({ name: 'kind', enum: ['need', 'achievement'] })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({
    description: '按筛选条件导出（默认仅已发布），与模板同列外加状态、发布时间、发布机构；不含保密信息与联系方式；最多 10000 行（X-Total-Count 为匹配总数）',
    schema: FILE_SCHEMA,
  })
  async export(
    @CurrentUser() user: AuthContext,
    @Param('kind', kindPipe) kind: ItemKind,
    @Query() q: ExportQueryDto,
    @Res({ passthrough: true }) res: FastifyReply,
  ): Promise<StreamableFile> {
    const { data, total } = await this.imports.export(kind, q);
    // Every export of data leaves a trace (docs/security.md #25).
    await this.audit.record({
      action: AuditAction.DataExported,
      actorId: user.userId,
      actorEmail: user.email,
      targetType: kind,
      detail: { rows: Math.min(total, 10_000), filters: JSON.stringify(q) },
    });
    void res.header('X-Total-Count', String(total));
    const day = beijingDate();
    return fileDownload(data, XLSX_MIME, `${KIND_LABEL[kind]}导出-${day}.xlsx`, `${kind}-export-${day}.xlsx`);
  }
}

const uuid = new ParseUUIDPipe();

/**
 * 自助导入: an organisation's admins import their own needs or achievements with the same
 * template, dry run, row errors and duplicate detection. Rows become the organisation's drafts or
 * are submitted for review; they are never published directly.
 */
@ApiTags('catalogue')
@Authenticated()
@Controller('orgs/:orgId/import')
export class OrgImportController {
  constructor(private readonly imports: ImportService) {}

  @Get(':kind/template')
  @ApiParam({ name: 'kind', enum: ['need', 'achievement'] })
  @ApiProduces(XLSX_MIME)
  @ApiOkResponse({ description: '导入模板（与平台管理员所用相同；自助导入时忽略“发布机构统一社会信用代码”列）', schema: FILE_SCHEMA })
  @ApiNotFoundResponse({ description: '不是该机构的管理员' })
  async template(@CurrentUser() user: AuthContext, @Param('orgId', uuid) orgId: string, @Param('kind', kindPipe) kind: ItemKind): Promise<StreamableFile> {
    await this.imports.orgForImport(user, orgId);
    return fileDownload(await buildTemplate(kind), XLSX_MIME, `${KIND_LABEL[kind]}导入模板.xlsx`, `${kind}-import-template.xlsx`);
  }

  @Post(':kind')
  @HttpCode(200)
  @AcceptsOneFile('file', IMPORT_BYTES_MAX)
  @ApiParam({ name: 'kind', enum: ['need', 'achievement'] })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { ...FILE_SCHEMA, description: '.xlsx（第一张表）或 UTF-8 .csv，不超过 5 MB、5000 行' } } } })
  @ApiOkResponse({ type: ImportReportDto, description: '逐行校验结果；all-valid 时把全部有效且不重复的行存为本机构的草稿（submit=true 时提交审核），不会直接发布' })
  @ApiNotFoundResponse({ description: '不是该机构的管理员（与不存在的机构相同）' })
  @ApiForbiddenResponse({ description: '机构尚未认证（ORG_NOT_VERIFIED）' })
  @ApiUnsupportedMediaTypeResponse({ description: '不是 .xlsx 或 UTF-8 .csv' })
  @ApiPayloadTooLargeResponse({ description: '超过 5 MB' })
  run(
    @CurrentUser() user: AuthContext,
    @Param('orgId', uuid) orgId: string,
    @Param('kind', kindPipe) kind: ItemKind,
    @Query() q: OrgImportQueryDto,
    @UploadedOne() file: UploadedFile | undefined,
  ): Promise<ImportReport> {
    return this.imports.import(user, kind, file, q.mode, { orgId, submit: q.submit === true });
  }
}
