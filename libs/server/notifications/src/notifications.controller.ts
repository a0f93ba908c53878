import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { NotificationView, Page } from '@ztt/contracts';
import { Authenticated, AuthContext, currentRequest, CurrentUser, PageOf, PageQueryDto } from '@ztt/platform';
import { NotificationsService } from './notifications.service';

class NotificationViewDto implements NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() type: string;
  @ApiProperty() title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: String, nullable: true }) link: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) readAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}
class UnreadCountDto {
  @ApiProperty() count: number;
}
const NotificationPageDto = PageOf(NotificationViewDto, 'NotificationPageDto');

@ApiTags('notifications')
@Authenticated()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() user: AuthContext, @Query() q: PageQueryDto): Promise<Page<NotificationView>> {
    return this.notifications.list(user.userId, currentRequest()?.locale ?? 'zh-CN', q.page, q.pageSize);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  async unread(@CurrentUser() user: AuthContext): Promise<UnreadCountDto> {
    return { count: await this.notifications.unreadCount(user.userId) };
  }

  @Post('read-all')
  @HttpCode(204)
  @ApiNoContentResponse()
  readAll(@CurrentUser() user: AuthContext): Promise<void> {
    return this.notifications.markAllRead(user.userId);
  }

  @Post(':id/read')
  @HttpCode(204)
  @ApiNoContentResponse()
  read(@CurrentUser() user: AuthContext, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.notifications.markRead(user.userId, id);
  }
}
