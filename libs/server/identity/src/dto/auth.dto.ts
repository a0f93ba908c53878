import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { AuthTokens, PASSWORD_MAX_LENGTH } from '@ztt/contracts';

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

export class RefreshDto {
  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(200) refreshToken: string;
}

export class AuthTokensDto implements AuthTokens {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'seconds until the access token expires' }) expiresIn: number;
}
