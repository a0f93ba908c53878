import { Body, Controller, Delete, Get, Header, HttpCode, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags, SchemaObject } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PERSONAL_DATA_EXPORT_FORMAT, PersonalDataExport } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser } from '@ztt/platform';
import { DeleteAccountDto } from './personal-data.dto';
import { PersonalDataService } from './personal-data.service';

const ROW: SchemaObject = { type: 'object', additionalProperties: true };
const ROWS: SchemaObject = { type: 'array', items: ROW };
const MAYBE_ROW: SchemaObject = { ...ROW, nullable: true };
const DATE: SchemaObject = { type: 'string', format: 'date-time' };

/** The export's shape in OpenAPI: every section named (the Record makes the compiler check none is missing); rows are open objects. */
const SECTIONS: Record<keyof PersonalDataExport, SchemaObject> = {
  format: { type: 'string', enum: [PERSONAL_DATA_EXPORT_FORMAT] },
  version: { type: 'integer' },
  exportedAt: DATE,
  account: {
    type: 'object',
    required: ['id', 'email', 'displayName', 'phone', 'locale', 'status', 'createdAt', 'lastLoginAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      email: { type: 'string' },
      displayName: { type: 'string' },
      phone: { type: 'string', nullable: true },
      locale: { type: 'string' },
      status: { type: 'string' },
      createdAt: DATE,
      lastLoginAt: { ...DATE, nullable: true },
    },
  },
  platformRoles: ROWS,
  memberships: ROWS,
  sessions: ROWS,
  loginAttempts: ROWS,
  notificationSettings: MAYBE_ROW,
  notifications: ROWS,
  organisationsCreated: ROWS,
  needs: ROWS,
  achievements: ROWS,
  attachmentsUploaded: ROWS,
  disclosureRequests: ROWS,
  matchFeedback: ROWS,
  brokerProfile: MAYBE_ROW,
  brokerTraining: ROWS,
  brokerRatingsReceived: ROWS,
  brokerRatingsGiven: ROWS,
  matchesAssigned: ROWS,
  deals: ROWS,
  dealNotes: ROWS,
  dealMessages: ROWS,
  dealTasks: ROWS,
  dealDocumentsUploaded: ROWS,
  challenges: ROWS,
  challengeApplications: ROWS,
  reviewAssignments: ROWS,
  reviewScores: ROWS,
  challengeObjections: ROWS,
  challengeFilesUploaded: ROWS,
  commissioner: MAYBE_ROW,
  commissionerServices: ROWS,
  serviceConfirmations: ROWS,
  auditLog: ROWS,
};
const EXPORT_SCHEMA: SchemaObject = { type: 'object', required: Object.keys(SECTIONS), properties: SECTIONS };

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
    schema: EXPORT_SCHEMA,
  })
  async export(@CurrentUser() user: AuthContext, @Res({ passthrough: true }) res: FastifyReply): Promise<PersonalDataExport> {
    const data = await this.personalData.export(user);
    void res.header('Content-Disposition', `attachment; filename="personal-data-${data.exportedAt.slice(0, 10)}.json"`);
    return data;
  }

  @Delete()
  @HttpCode(204)
  @ApiNoContentResponse({ description: '账号已注销：个人信息已删除或匿名化，所有会话失效 / account deleted: personal data erased or anonymised, every session ended' })
  async remove(@CurrentUser() user: AuthContext, @Body() dto: DeleteAccountDto): Promise<void> {
    await this.personalData.deleteAccount(user, dto.password);
  }
}
