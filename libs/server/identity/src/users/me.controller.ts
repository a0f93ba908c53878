import { Body, Controller, Get, HttpCode, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessToken, MeView } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser } from '@ztt/platform';
import { clientInfo } from '../auth/client-info';
import { RefreshCookie } from '../auth/refresh-cookie';
import { AuthTokensDto } from '../dto/auth.dto';
import { ChangePasswordDto, MeViewDto, UpdateMeDto } from '../dto/me.dto';
import { UsersService } from './users.service';

@ApiTags('me')
@Authenticated()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly cookie: RefreshCookie,
  ) {}

  @Get()
  @ApiOkResponse({ type: MeViewDto })
  me(@CurrentUser() user: AuthContext): Promise<MeView> {
    return this.users.me(user.userId);
  }

  @Patch()
  @ApiOkResponse({ type: MeViewDto })
  update(@CurrentUser() user: AuthContext, @Body() dto: UpdateMeDto): Promise<MeView> {
    return this.users.updateMe(user.userId, dto);
  }

  @Post('password')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthTokensDto, description: '所有旧会话失效，返回新会话 / all other sessions end; the new refresh token is set as the cookie ztt_refresh' })
  async changePassword(
    @CurrentUser() user: AuthContext,
    @Body() dto: ChangePasswordDto,
    @Req() req: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AccessToken> {
    return this.cookie.issue(req, reply, await this.users.changePassword(user, dto.currentPassword, dto.newPassword, clientInfo(req)));
  }
}
