import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ConsultationView } from '@ztt/contracts';
import { Authenticated, AuthContext, CurrentUser } from '@ztt/platform';
import { ConsultationsService } from './consultations.service';
import { AcceptConsultationDto, AnswerConsultationDto, ConsultationDto, CreateConsultationDto, DeclineConsultationDto } from './dto/expert.dto';

const uuid = new ParseUUIDPipe();

/** 专家咨询 on a need or a deal: the need's organisation (or the deal's parties and brokers) asks, an admin or the chosen expert accepts, the expert answers. */
@ApiTags('experts')
@Authenticated()
@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post('needs/:id/consultations')
  @ApiCreatedResponse({ type: ConsultationDto, description: '需求方机构成员申请专家咨询（可指定专家库中的专家）；其他人 404' })
  request(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CreateConsultationDto): Promise<ConsultationView> {
    return this.consultations.request(user, id, dto);
  }

  @Get('needs/:id/consultations')
  @ApiOkResponse({ type: [ConsultationDto], description: '该需求的专家咨询：需求方机构成员与平台管理员可见' })
  forNeed(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ConsultationView[]> {
    return this.consultations.forNeed(user, id);
  }

  @Post('deals/:id/consultations')
  @ApiCreatedResponse({ type: ConsultationDto, description: '对接项目的双方成员或经纪人申请专家咨询（可指定专家库中的专家）；其他人 404' })
  requestOnDeal(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: CreateConsultationDto): Promise<ConsultationView> {
    return this.consultations.requestOnDeal(user, id, dto);
  }

  @Get('deals/:id/consultations')
  @ApiOkResponse({ type: [ConsultationDto], description: '该对接项目的专家咨询：双方成员、经纪人与平台管理员可见' })
  forDeal(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ConsultationView[]> {
    return this.consultations.forDeal(user, id);
  }

  @Get('me/consultations')
  @ApiOkResponse({ type: [ConsultationDto], description: '请本人解答或本人已受理的咨询；平台管理员看到全部' })
  mine(@CurrentUser() user: AuthContext): Promise<ConsultationView[]> {
    return this.consultations.mine(user);
  }

  @Get('consultations/:id')
  @ApiOkResponse({ type: ConsultationDto, description: '一项专家咨询：提问机构成员、专家、平台管理员可见' })
  get(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string): Promise<ConsultationView> {
    return this.consultations.get(user, id);
  }

  @Post('consultations/:id/accept')
  @ApiCreatedResponse({ type: ConsultationDto, description: '受理：平台管理员（可指定专家）或被点名的专家' })
  accept(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: AcceptConsultationDto): Promise<ConsultationView> {
    return this.consultations.accept(user, id, dto);
  }

  @Post('consultations/:id/answer')
  @ApiCreatedResponse({ type: ConsultationDto, description: '受理的专家书面答复；提问方收到通知' })
  answer(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: AnswerConsultationDto): Promise<ConsultationView> {
    return this.consultations.answer(user, id, dto);
  }

  @Post('consultations/:id/decline')
  @ApiCreatedResponse({ type: ConsultationDto, description: '不受理（须说明原因）：平台管理员或被点名的专家' })
  decline(@CurrentUser() user: AuthContext, @Param('id', uuid) id: string, @Body() dto: DeclineConsultationDto): Promise<ConsultationView> {
    return this.consultations.decline(user, id, dto);
  }
}
