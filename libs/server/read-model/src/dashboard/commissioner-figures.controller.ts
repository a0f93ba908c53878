import { Controller, Get } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CommissionerFigures, PlatformRole } from '@ztt/contracts';
import { RequireRoles } from '@ztt/platform';
import { DataSource } from 'typeorm';
import { CommissionerFiguresReader } from './commissioner-figures';

class CommissionersPerCountyDto {
  @ApiProperty({ example: 'xuwen' }) region: string;
  @ApiProperty() commissioners: number;
}

export class CommissionerFiguresDto {
  @ApiProperty({ description: '在册科技特派员' }) commissioners: number;
  @ApiProperty({ type: [CommissionersPerCountyDto], description: '各县（市、区）当前派驻的科技特派员' }) perCounty: CommissionersPerCountyDto[];
  @ApiProperty({ description: '登记的服务' }) servicesLogged: number;
  @ApiProperty({ description: '服务对象已确认的服务' }) servicesConfirmed: number;
  @ApiProperty({ type: String, nullable: true, example: '4.5', description: '平均评分（一位小数）' }) averageRating: string | null;
}

@ApiTags('admin')
@RequireRoles(PlatformRole.Admin)
@Controller('admin/dashboard/commissioners')
export class CommissionerFiguresController {
  private readonly reader: CommissionerFiguresReader;

  constructor(@InjectDataSource() db: DataSource) {
    this.reader = new CommissionerFiguresReader(db);
  }

  @Get()
  @ApiOkResponse({ type: CommissionerFiguresDto, description: '科技特派员：各县派驻人数、服务登记与确认、平均评分' })
  figures(): Promise<CommissionerFigures> {
    return this.reader.figures();
  }
}
