import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig, AuthContext } from '@ztt/platform';
import { AuthService, JwtPayload } from './auth.service';

/** HS256 only, with issuer and audience checked; the session is looked up on every request. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A key object, not the string: given a string, jsonwebtoken first tries to read it as a public
      // key and fails, on every request (about 0.5 ms against 9 µs, measured on this machine).
      // passport-jwt's types name only strings and buffers; it hands the key to jsonwebtoken as is.
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')) as unknown as string,
      algorithms: ['HS256'],
      issuer: config.auth.issuer,
      audience: config.auth.audience,
      ignoreExpiration: false,
    });
  }

  async validate(payload: Partial<JwtPayload>): Promise<AuthContext | false> {
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return false;
    if (!/^[0-9a-f-]{36}$/i.test(payload.sub) || !/^[0-9a-f-]{36}$/i.test(payload.sid)) return false;
    return (await this.auth.loadContext({ sub: payload.sub, sid: payload.sid })) ?? false;
  }
}
