import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { NotificationSettings, WEBHOOK_KINDS, WebhookKind } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser } from '@ztt/platform';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { WEBHOOK_URL_MAX_LENGTH } from './delivery/webhook-url';
import { NotificationSettingsService } from './notification-settings.service';

class NotificationSettingsDto implements NotificationSettings {
  @ApiProperty({ description: '邮件提醒 / email notifications' }) email: boolean;
  @ApiProperty({ type: String, nullable: true, description: '群机器人地址（https）/ robot webhook URL (https)' }) webhookUrl: string | null;
  @ApiProperty({ enum: [...WEBHOOK_KINDS], nullable: true }) webhookKind: WebhookKind | null;
}

class UpdateNotificationSettingsDto {
  @ApiProperty() @IsBoolean() email: boolean;
  @ApiProperty({ type: String, nullable: true, required: false, maxLength: WEBHOOK_URL_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  webhookUrl?: string | null;
  @ApiProperty({ enum: [...WEBHOOK_KINDS], nullable: true, required: false })
  @IsOptional()
  @IsIn([...WEBHOOK_KINDS])
  webhookKind?: WebhookKind | null;
}

@ApiTags('notifications')
@Authenticated()
@Controller('me/notification-settings')
export class NotificationSettingsController {
  constructor(private readonly settings: NotificationSettingsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationSettingsDto })
  get(@CurrentUser() user: AuthContext): Promise<NotificationSettings> {
    return this.settings.get(user.userId);
  }

  @Put()
  @ApiOkResponse({ type: NotificationSettingsDto })
  put(@CurrentUser() user: AuthContext, @Body() dto: UpdateNotificationSettingsDto): Promise<NotificationSettings> {
    return this.settings.put(user.userId, dto);
  }
}
