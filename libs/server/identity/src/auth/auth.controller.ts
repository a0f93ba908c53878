import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessToken, ErrorCode } from '@ztt/contracts';
import { AppException, Authenticated, AuthContext, CurrentUser, Public } from '@ztt/platform';
import { AuthTokensDto, LoginDto, RefreshDto, RegisterDto } from '../dto/auth.dto';
import { User } from '../entities';
import { LocalAuthGuard } from './guards';
import { AuthService } from './auth.service';
import { clientInfo } from './client-info';
import { RefreshCookie } from './refresh-cookie';

/**
 * Every answer that starts or rotates a session sets the refresh token as the HttpOnly cookie
 * ztt_refresh; a browser gets only the access token in JSON (docs/security.md #28).
 */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookie: RefreshCookie,
  ) {}

  @Public()
  @Post('register')
  @ApiCreatedResponse({ type: AuthTokensDto, description: '注册成功并登录 / registered and signed in; the refresh token is set as the cookie ztt_refresh' })
  async register(@Body() dto: RegisterDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessToken> {
    return this.cookie.issue(req, reply, await this.auth.register(dto, clientInfo(req)));
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: AuthTokensDto, description: 'the refresh token is set as the cookie ztt_refresh' })
  @ApiUnauthorizedResponse({ description: '邮箱或密码不正确（未知用户同样如此）' })
  @ApiTooManyRequestsResponse({ description: '尝试次数过多' })
  async login(@Req() req: FastifyRequest & { user: User }, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessToken> {
    return this.cookie.issue(req, reply, await this.auth.login(req.user, clientInfo(req)));
  }

  /** The cookie when there is one, else the body's token (clients that are not browsers); a token that fails clears the cookie. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOkResponse({ type: AuthTokensDto, description: 'a new pair, the refresh token set as the cookie ztt_refresh; the old refresh token is spent' })
  @ApiUnauthorizedResponse({ description: '没有有效的刷新令牌 / no usable refresh token' })
  async refresh(@Body() dto: RefreshDto, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessToken> {
    const token = this.cookie.read(req) ?? dto.refreshToken;
    try {
      if (!token) throw new AppException(ErrorCode.Unauthenticated, HttpStatus.UNAUTHORIZED);
      return this.cookie.issue(req, reply, await this.auth.refresh(token));
    } catch (e) {
      this.cookie.clear(req, reply);
      throw e;
    }
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the session ends and the cookie ztt_refresh is cleared' })
  async logout(@CurrentUser() user: AuthContext, @Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.auth.logout(user);
    this.cookie.clear(req, reply);
  }
}
