import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ITEM_LIMITS, KpiActualView, KpiRegister, PlatformRole } from '@ztt/contracts';
import { AcceptsOneFile, AuthContext, CurrentUser, fileDownload, RequireRoles, UploadedFile, UploadedOne } from '@ztt/platform';
import { KpiActualDto, KpiActualFieldsDto, KpiCodeParamDto, KpiQueryDto, KpiRegisterDto, KpiTargetDto, KpiTargetParamDto } from './kpi.dto';
import { KpiService } from './kpi.service';

const uuid = new ParseUUIDPipe();

/** The KPI register (规划指标): platform admins read it, set yearly targets and county allocations, and enter actuals with evidence. */
@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin')
export class KpiController {
  constructor(private readonly kpis: KpiService) {}

  @Get('kpis')
  @ApiOkResponse({ type: KpiRegisterDto, description: '规划指标：各指标截至季度末的实际值、年度目标、2030 年目标与进度状态（可按县区）' })
  register(@Query() q: KpiQueryDto): Promise<KpiRegister> {
    return this.kpis.register(q.quarter, q.region);
  }

  @Put('kpis/:code/targets/:year')
  @ApiOkResponse({ type: KpiRegisterDto, description: '设置指标的年度目标与按县（市、区）分解（留痕）' })
  setTarget(@CurrentUser() user: AuthContext, @Param() p: KpiTargetParamDto, @Body() dto: KpiTargetDto): Promise<KpiRegister> {
    return this.kpis.setTarget(user, p.code, p.year, { target: dto.target, allocations: dto.allocations });
  }

  @Get('kpis/:code/actuals')
  @ApiOkResponse({ type: [KpiActualDto], description: '填报记录（含被更正的记录）' })
  actuals(@Param() p: KpiCodeParamDto): Promise<KpiActualView[]> {
    return this.kpis.actuals(p.code);
  }

  @Post('kpis/:code/actuals')
  @AcceptsOneFile('file', ITEM_LIMITS.attachmentBytesMax)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({
    type: KpiActualDto,
    description: '填报季度实际值并上传佐证材料（PDF、图片或 Office，10 MB 以内）；quarter、value、region、note 在查询参数中。同一季度同一地区再次填报即为更正，原记录保留',
  })
  enter(@CurrentUser() user: AuthContext, @Param() p: KpiCodeParamDto, @Query() fields: KpiActualFieldsDto, @UploadedOne() file: UploadedFile | undefined): Promise<KpiActualView> {
    return this.kpis.enterActual(user, p.code, fields, file);
  }

  @Get('kpi-actuals/:id/evidence')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: '填报记录的佐证材料', schema: { type: 'string', format: 'binary' } })
  async evidence(@Param('id', uuid) id: string): Promise<StreamableFile> {
    const f = await this.kpis.evidence(id);
    return fileDownload(f.data, f.mimeType, f.name, 'evidence');
  }
}
