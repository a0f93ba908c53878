import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DisclosureRequestView, ItemKind, ItemView, Page, PlatformRole, ReviewQueueEntry } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, fileDownload, RequireRoles } from '@ztt/platform';
import { AttachmentsService } from './attachments.service';
import { CatalogueService } from './catalogue.service';
import { DisclosureService } from './disclosure.service';
import { DisclosureDecisionDto, ReviewDecisionDto } from './dto/item.dto';
import { DisclosureListQueryDto, ReviewQueryDto } from './dto/query.dto';
import { DisclosurePageDto, DisclosureRequestViewDto, NeedViewDto, ReviewPageDto } from './dto/views.dto';

const uuid = new ParseUUIDPipe();
const kindPipe = { transform: (v: string): ItemKind => (v === 'need' || v === 'achievement' ? v : 'need') };

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/review')
export class ReviewController {
  constructor(private readonly catalogue: CatalogueService) {}

  @Get()
  @ApiOkResponse({ type: ReviewPageDto, description: '待审核的需求或成果，附自上次发布以来的改动' })
  queue(@CurrentUser() user: AuthContext, @Query() q: ReviewQueryDto): Promise<Page<ReviewQueueEntry>> {
    return this.catalogue.reviewQueue(user, q.kind, q.page, q.pageSize);
  }

  @Post(':kind/:id/decision')
  @HttpCode(200)
  @ApiParam({ name: 'kind', enum: ['need', 'achievement'] })
  @ApiOkResponse({ type: NeedViewDto, description: 'the item after the decision' })
  decide(@CurrentUser() user: AuthContext, @Param('kind', kindPipe) kind: ItemKind, @Param('id', uuid) id: string, @Body() dto: ReviewDecisionDto): Promise<ItemView> {
    return this.catalogue.decide(user, kind, id, dto.decision, dto.reason);
  }
}

@ApiTags('disclosure')
@Authenticated()
@Controller('disclosure-requests')
export class DisclosureController {
  constructor(private readonly disclosure: DisclosureService) {}

  @Get()
  @ApiOkResponse({ type: DisclosurePageDto })
  list(@CurrentUser() user: AuthContext, @Query() q: DisclosureListQueryDto): Promise<Page<DisclosureRequestView>> {
    return this.disclosure.list(user, q.box, q.page, q.pageSize);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: DisclosureRequestViewDto })
  decide(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: DisclosureDecisionDto): Promise<DisclosureRequestView> {
    return this.disclosure.decide(user, id, dto.decision);
  }
}

@ApiTags('attachments')
@Authenticated()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get(':id')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'the file, as an attachment download' })
  async download(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<StreamableFile> {
    const { attachment, data } = await this.attachments.open(user, id);
    return fileDownload(data, attachment.mimeType, attachment.fileName);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<void> {
    return this.attachments.remove(user, id);
  }
}
