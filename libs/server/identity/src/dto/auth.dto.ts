import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { AccessToken, PASSWORD_MAX_LENGTH } from '@ztt/contracts';

export class RegisterDto {
  @ApiProperty({ example: 'zhang.wei@example.cn', maxLength: 254 })
  @IsEmail()
  @MaxLength(254)
  email: string;

  /** Length is checked in code points by the password policy, never truncated. */
  @ApiProperty({ minLength: 8, maxLength: PASSWORD_MAX_LENGTH, description: '8–128 个字符，常见密码不可用' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH * 4)
  password: string;

  @ApiProperty({ example: '张伟', maxLength: 50 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(50)
  displayName: string;
}

export class LoginDto {
  @ApiProperty({ example: 'admin@demo.zj.cn' }) email: string;
  @ApiProperty() password: string;
}

/** A browser sends nothing: its refresh token is the ztt_refresh cookie. A client that is not a browser sends the token it was given. */
export class RefreshDto {
  @ApiPropertyOptional({ description: 'for clients that are not browsers; a browser sends the HttpOnly cookie ztt_refresh instead' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken?: string;
}

export class AuthTokensDto implements AccessToken {
  @ApiProperty() accessToken: string;
  @ApiPropertyOptional({
    description: 'only for clients that are not browsers (no Sec-Fetch-Site header); a browser gets it solely as the HttpOnly, SameSite=Strict cookie ztt_refresh (Path=/api/auth)',
  })
  refreshToken?: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
}
