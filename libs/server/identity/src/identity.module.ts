import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '@ztt/platform';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { GlobalAuthGuard } from './auth/guards';
import { JwtStrategy } from './auth/jwt.strategy';
import { LocalStrategy } from './auth/local.strategy';
import { LoginThrottleService } from './auth/login-throttle.service';
import { PasswordService } from './auth/password.service';
import { RefreshCookie } from './auth/refresh-cookie';
import { IDENTITY_ENTITIES } from './entities';
import { IdentityMaintenanceProcessor } from './maintenance.processor';
import { AdminVerificationController } from './organisations/admin-verification.controller';
import { OrganisationsController } from './organisations/organisations.controller';
import { OrganisationsService } from './organisations/organisations.service';
import { AdminUsersController } from './users/admin-users.controller';
import { MeController } from './users/me.controller';
import { UsersService } from './users/users.service';

/** People, sessions, organisations and roles. Registers the one global auth guard. */
@Module({
  imports: [
    TypeOrmModule.forFeature(IDENTITY_ENTITIES),
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: {
          algorithm: 'HS256',
          issuer: config.auth.issuer,
          audience: config.auth.audience,
          expiresIn: config.auth.accessTtlSeconds,
        },
      }),
    }),
  ],
  controllers: [AuthController, MeController, OrganisationsController, AdminVerificationController, AdminUsersController],
  providers: [
    AuthService,
    PasswordService,
    LoginThrottleService,
    RefreshCookie,
    LocalStrategy,
    JwtStrategy,
    UsersService,
    OrganisationsService,
    { provide: APP_GUARD, useClass: GlobalAuthGuard },
  ],
  exports: [AuthService, PasswordService, LoginThrottleService, UsersService, OrganisationsService],
})
export class IdentityModule {}

/** The worker's part of identity: its scheduled clean-up. */
@Module({ providers: [IdentityMaintenanceProcessor] })
export class IdentityWorkerModule {}
