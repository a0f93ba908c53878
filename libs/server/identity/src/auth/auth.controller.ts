import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AuthTokens } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser, Public } from '@ztt/platform';
import { AuthTokensDto, LoginDto, RefreshDto, RegisterDto } from '../dto/auth.dto';
import { User } from '../entities';
import { LocalAuthGuard } from './guards';
import { AuthService } from './auth.service';
import { clientInfo } from './client-info';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: AuthTokensDto, description: '注册成功并登录 / registered and signed in' })
  register(@Body() dto: RegisterDto, @Req() req: FastifyRequest): Promise<AuthTokens> {
    return this.auth.register(dto, clientInfo(req));
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: AuthTokensDto })
  @ApiUnauthorizedResponse({ description: '邮箱或密码不正确（未知用户同样如此）' })
  @ApiTooManyRequestsResponse({ description: '尝试次数过多' })
  login(@Req() req: FastifyRequest & { user: User }): Promise<AuthTokens> {
    return this.auth.login(req.user, clientInfo(req));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthTokensDto, description: 'a new pair; the old refresh token is spent' })
  refresh(@Body() dto: RefreshDto): Promise<AuthTokens> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentUser() user: AuthContext): Promise<void> {
    await this.auth.logout(user);
  }
}
