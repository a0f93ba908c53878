import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Type } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AttachmentView, DisclosureRequestView, ITEM_LIMITS, ItemKind, ItemView, Page } from '@ztt/contracts';
import { AcceptsOneFile, Authenticated, AuthContext, createValidationPipe, CurrentUser, Public, UploadedFile, UploadedOne } from '@ztt/platform';
import { AttachmentsService } from './attachments.service';
import { CatalogueService, ItemInput } from './catalogue.service';
import { DisclosureService } from './disclosure.service';
import { CreateAchievementDto, CreateNeedDto, DisclosureRequestDto, UpdateAchievementDto, UpdateNeedDto } from './dto/item.dto';
import { MyItemsQueryDto } from './dto/query.dto';
import { AchievementPageDto, AchievementViewDto, AttachmentViewDto, DisclosureRequestViewDto, NeedPageDto, NeedViewDto } from './dto/views.dto';

const uuid = new ParseUUIDPipe();

/** One controller shape for needs and achievements; only the DTOs and the path differ. */
function itemController(kind: ItemKind, path: string, CreateDto: Type, UpdateDto: Type, ViewDto: Type, PageDto: Type) {
  @ApiTags(path)
  @Controller()
  class ItemsController {
    constructor(
      readonly catalogue: CatalogueService,
      readonly disclosure: DisclosureService,
      readonly attachments: AttachmentsService,
    ) {}

    @Authenticated()
    @Post(path)
    @ApiBody({ type: CreateDto })
    @ApiCreatedResponse({ type: ViewDto, description: '创建草稿 / a new draft' })
    create(@CurrentUser() user: AuthContext, @Body(createValidationPipe(CreateDto)) dto: ItemInput): Promise<ItemView> {
      return this.catalogue.create(user, kind, dto);
    }

    @Authenticated()
    @Get(`my/${path}`)
    @ApiOkResponse({ type: PageDto, description: "the caller's organisations' items" })
    mine(@CurrentUser() user: AuthContext, @Query() q: MyItemsQueryDto): Promise<Page<ItemView>> {
      return this.catalogue.listMine(user, kind, q);
    }

    @Public()
    @Get(`${path}/:id`)
    @ApiOkResponse({ type: ViewDto, description: 'public part for everyone; the confidential part when allowed' })
    @ApiNotFoundResponse()
    get(@CurrentUser() user: AuthContext | undefined, @Param('id', uuid) id: string): Promise<ItemView> {
      return this.catalogue.get(user, kind, id);
    }

    @Authenticated()
    @Patch(`${path}/:id`)
    @ApiBody({ type: UpdateDto })
    @ApiOkResponse({ type: ViewDto, description: 'back to draft; a stale version gets 409' })
    update(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body(createValidationPipe(UpdateDto)) dto: ItemInput): Promise<ItemView> {
      return this.catalogue.update(user, kind, id, dto);
    }

    @Authenticated()
    @Post(`${path}/:id/submit`)
    @HttpCode(200)
    @ApiOkResponse({ type: ViewDto, description: '提交审核 / submit for review' })
    submit(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ItemView> {
      return this.catalogue.submit(user, kind, id);
    }

    @Authenticated()
    @Post(`${path}/:id/withdraw`)
    @HttpCode(200)
    @ApiOkResponse({ type: ViewDto, description: '撤回 / withdraw' })
    withdraw(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ItemView> {
      return this.catalogue.withdraw(user, kind, id);
    }

    @Authenticated()
    @Post(`${path}/:id/close`)
    @HttpCode(200)
    @ApiOkResponse({ type: ViewDto, description: '关闭 / close' })
    close(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ItemView> {
      return this.catalogue.close(user, kind, id);
    }

    @Authenticated()
    @Post(`${path}/:id/disclosure-requests`)
    @ApiCreatedResponse({ type: DisclosureRequestViewDto, description: '申请查看保密信息' })
    requestDisclosure(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: DisclosureRequestDto): Promise<DisclosureRequestView> {
      return this.disclosure.request(user, kind, id, dto.requesterOrgId, dto.reason);
    }

    @Authenticated()
    @Post(`${path}/:id/attachments`)
    @AcceptsOneFile('file', ITEM_LIMITS.attachmentBytesMax)
    @ApiConsumes('multipart/form-data')
    @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } })
    @ApiCreatedResponse({ type: AttachmentViewDto, description: 'PDF, images or Office files, 10 MB at most' })
    upload(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @UploadedOne() file: UploadedFile | undefined): Promise<AttachmentView> {
      return this.attachments.upload(user, kind, id, file);
    }
  }
  Object.defineProperty(ItemsController, 'name', { value: `${kind === 'need' ? 'Needs' : 'Achievements'}Controller` });
  return ItemsController;
}

export const NeedsController = itemController('need', 'needs', CreateNeedDto, UpdateNeedDto, NeedViewDto, NeedPageDto);
export const AchievementsController = itemController('achievement', 'achievements', CreateAchievementDto, UpdateAchievementDto, AchievementViewDto, AchievementPageDto);
