export * from './entities';
export * from './identity.module';
export * from './maintenance.processor';
export { AuthService } from './auth/auth.service';
export { PasswordService } from './auth/password.service';
export { LoginThrottleService } from './auth/login-throttle.service';
export { OrganisationsService } from './organisations/organisations.service';
export { UsersService } from './users/users.service';
