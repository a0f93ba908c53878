import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Page, PlatformRole, UserAdminView, UserStatus } from '@ztt/contracts';
import { AuthContext, CurrentUser, RequireRoles } from '@ztt/platform';
import { SetPlatformRolesDto, UserAdminPageDto, UserAdminViewDto } from '../dto/admin-user.dto';
import { ListQueryDto } from '../dto/organisation.dto';
import { UsersService } from './users.service';

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserAdminPageDto })
  list(@Query() q: ListQueryDto): Promise<Page<UserAdminView>> {
    return this.users.list(q);
  }

  @Put(':id/roles')
  @ApiOkResponse({ type: UserAdminViewDto })
  setRoles(@CurrentUser() actor: AuthContext, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SetPlatformRolesDto): Promise<UserAdminView> {
    return this.users.setPlatformRoles(actor, id, dto.roles, dto.county ?? null);
  }

  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserAdminViewDto, description: '账号停用，所有会话立即失效' })
  disable(@CurrentUser() actor: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<UserAdminView> {
    return this.users.setStatus(actor, id, UserStatus.Disabled);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserAdminViewDto })
  enable(@CurrentUser() actor: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<UserAdminView> {
    return this.users.setStatus(actor, id, UserStatus.Active);
  }
}
