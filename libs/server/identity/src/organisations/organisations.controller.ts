import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { MemberView, OrganisationPublicView, OrganisationView, Page } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, Public, PublicReadCache } from '@ztt/platform';
import {
  ChangeMemberRoleDto,
  CreateOrganisationDto,
  DecideMembershipDto,
  ListQueryDto,
  MemberViewDto,
  OrganisationPageDto,
  OrganisationPublicViewDto,
  OrganisationViewDto,
  UpdateOrganisationDto,
} from '../dto/organisation.dto';
import { OrganisationsService } from './organisations.service';

const uuid = new ParseUUIDPipe();

@ApiTags('organisations')
@Controller('orgs')
export class OrganisationsController {
  constructor(private readonly orgs: OrganisationsService) {}

  @Public()
  @PublicReadCache(15)
  @Get()
  @ApiOkResponse({ type: OrganisationPageDto, description: '已认证机构名录 / verified organisations' })
  directory(@Query() q: ListQueryDto): Promise<Page<OrganisationPublicView>> {
    return this.orgs.directory(q);
  }

  @Authenticated()
  @Post()
  @ApiCreatedResponse({ type: OrganisationViewDto, description: '创建者成为机构管理员' })
  create(@CurrentUser() user: AuthContext, @Body() dto: CreateOrganisationDto): Promise<OrganisationView> {
    return this.orgs.create(user, dto);
  }

  @Public()
  @Get(':id')
  @ApiExtraModels(OrganisationViewDto, OrganisationPublicViewDto)
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(OrganisationViewDto) }, { $ref: getSchemaPath(OrganisationPublicViewDto) }] },
    description: 'members and admins get every field; others the public card',
  })
  @ApiNotFoundResponse()
  get(@CurrentUser() user: AuthContext | undefined, @Param('id', uuid) id: string): Promise<OrganisationView | OrganisationPublicView> {
    return this.orgs.get(user, id);
  }

  @Authenticated()
  @Patch(':id')
  @ApiOkResponse({ type: OrganisationViewDto })
  update(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: UpdateOrganisationDto): Promise<OrganisationView> {
    return this.orgs.update(user, id, dto);
  }

  @Authenticated()
  @Post(':id/verification')
  @HttpCode(200)
  @ApiOkResponse({ type: OrganisationViewDto, description: '提交认证 / submit for verification' })
  submit(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<OrganisationView> {
    return this.orgs.submitForVerification(user, id);
  }

  @Authenticated()
  @Get(':id/members')
  @ApiOkResponse({ type: [MemberViewDto] })
  @ApiNotFoundResponse()
  members(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<MemberView[]> {
    return this.orgs.members(user, id);
  }

  @Authenticated()
  @Post(':id/join-requests')
  @ApiCreatedResponse({ type: OrganisationPublicViewDto, description: '申请加入，待机构管理员审批' })
  join(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<OrganisationView | OrganisationPublicView> {
    return this.orgs.requestToJoin(user, id);
  }

  @Authenticated()
  @Post(':id/members/:userId/decision')
  @HttpCode(200)
  @ApiOkResponse({ type: [MemberViewDto] })
  decide(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Param('userId', uuid) userId: string, @Body() dto: DecideMembershipDto): Promise<MemberView[]> {
    return this.orgs.decideMembership(user, id, userId, dto.decision);
  }

  @Authenticated()
  @Patch(':id/members/:userId')
  @ApiOkResponse({ type: [MemberViewDto] })
  changeRole(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Param('userId', uuid) userId: string, @Body() dto: ChangeMemberRoleDto): Promise<MemberView[]> {
    return this.orgs.changeMemberRole(user, id, userId, dto.role);
  }

  @Authenticated()
  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Param('userId', uuid) userId: string): Promise<void> {
    await this.orgs.removeMember(user, id, userId);
  }
}
