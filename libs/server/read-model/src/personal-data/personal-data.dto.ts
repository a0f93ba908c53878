import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '@ztt/contracts';

/** Deleting an account asks for the password again, whoever holds the token. */
export class DeleteAccountDto {
  @ApiProperty({ description: '当前密码 / the current password' }) @IsString() @IsNotEmpty() @MaxLength(PASSWORD_MAX_LENGTH * 4) password: string;
}
