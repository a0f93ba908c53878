import { Body, Controller, Delete, Get, Header, HttpCode, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { PersonalDataExport } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser } from '@ztt/platform';
import { DeleteAccountDto } from './personal-data.dto';
import { PersonalDataService } from './personal-data.service';

/** PIPL rights of the signed-in person: a copy of their data, and deleting their account. */
@ApiTags('me')
@Authenticated()
@Controller('me')
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Get('export')
  @ApiProduces('application/json')
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOkResponse({
    description: '个人信息副本（JSON 下载，格式见 libs/contracts/src/privacy.ts）/ a copy of your personal data (format ztt-personal-data, version 1)',
    schema: { type: 'object', required: ['format', 'version', 'exportedAt', 'account'], properties: { format: { type: 'string' }, version: { type: 'integer' }, exportedAt: { type: 'string', format: 'date-time' }, account: { type: 'object' } } },
  })
  async export(@CurrentUser() user: AuthContext, @Res({ passthrough: true }) res: Response): Promise<PersonalDataExport> {
    const data = await this.personalData.export(user);
    res.setHeader('Content-Disposition', `attachment; filename="personal-data-${data.exportedAt.slice(0, 10)}.json"`);
    return data;
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: '账号已注销：个人信息已删除或匿名化，所有会话失效 / account deleted: personal data erased or anonymised, every session ended' })
  async remove(@CurrentUser() user: AuthContext, @Body() dto: DeleteAccountDto): Promise<void> {
    await this.personalData.deleteAccount(user, dto.password);
  }
}
