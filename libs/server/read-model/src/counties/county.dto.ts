import { ApiProperty } from '@nestjs/swagger';
import { CountyNeedListDto } from './county-need-list.dto';
import { CountyCampaignView, CountyReachView, CountyDealView, CountyItemView, CountyKpiLine, CountyMatchView, CountyPublicView, CountyScopeView } from '@ztt/contracts';

export class CountyReachDto implements CountyReachView {
  @ApiProperty({ type: String, nullable: true, example: '南三镇', description: '乡镇/街道；未填写为 null' }) town: string | null;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ format: 'uuid' }) achievementId: string;
  @ApiProperty() achievementTitle: string;
  @ApiProperty({ enum: ['deal', 'match'], isArray: true, description: 'deal：有交易（任一阶段）；match：匹配已联系或已转交易' }) via: ('deal' | 'match')[];
}

class CountyCampaignRowDto {
  @ApiProperty({ enum: ['need', 'achievement'] }) kind: 'need' | 'achievement';
  @ApiProperty({ type: Number, nullable: true, description: '本县目标' }) target: number | null;
  @ApiProperty({ description: '已提交（含已发布）' }) submitted: number;
  @ApiProperty({ description: '已发布' }) published: number;
}

export class CountyCampaignDto implements CountyCampaignView {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026Q2' }) quarter: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: [CountyCampaignRowDto] }) rows: CountyCampaignRowDto[];
}

export class CountyScopeDto implements CountyScopeView {
  @ApiProperty({ example: 'potou' }) code: string;
  @ApiProperty({ example: '坡头区' }) name: string;
  @ApiProperty({ example: 'Potou District' }) nameEn: string;
}

export class CountyItemDto implements CountyItemView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['need', 'achievement'] }) kind: 'need' | 'achievement';
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['published', 'submitted'], description: 'published: 已发布；submitted: 审核中' }) status: string;
  @ApiProperty({ format: 'uuid' }) organisationId: string;
  @ApiProperty() organisationName: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
}

export class CountyMatchDto implements CountyMatchView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() status: string;
  @ApiProperty({ example: '0.8123' }) score: string;
  @ApiProperty({ format: 'uuid' }) needId: string;
  @ApiProperty() needTitle: string;
  @ApiProperty() needRegion: string;
  @ApiProperty({ format: 'uuid' }) achievementId: string;
  @ApiProperty() achievementTitle: string;
  @ApiProperty() achievementRegion: string;
}

export class CountyDealDto implements CountyDealView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() stage: string;
  @ApiProperty({ format: 'uuid' }) demandOrgId: string;
  @ApiProperty() demandOrgName: string;
  @ApiProperty() demandOrgRegion: string;
  @ApiProperty({ format: 'uuid' }) supplyOrgId: string;
  @ApiProperty() supplyOrgName: string;
  @ApiProperty() supplyOrgRegion: string;
  @ApiProperty({ type: String, nullable: true, example: '800000.00', description: '预期金额（元）' }) expectedValue: string | null;
  @ApiProperty({ format: 'date-time' }) stageChangedAt: string;
}

class CountyKpiLineDto implements CountyKpiLine {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() nameEn: string;
  @ApiProperty() unit: string;
  @ApiProperty({ type: String, nullable: true, description: '本年度分解到该县的目标' }) allocation: string | null;
  @ApiProperty({ type: String, nullable: true, description: '完成分解目标的百分比（两位小数）' }) reached: string | null;
  @ApiProperty({ type: String, nullable: true, description: '该县本季度实际值' }) actual: string | null;
}

export class CountyPublicDto extends CountyScopeDto implements CountyPublicView {
  @ApiProperty({ description: '已发布技术需求' }) needs: number;
  @ApiProperty({ description: '已发布科技成果' }) achievements: number;
  @ApiProperty({ description: '揭榜挂帅榜单' }) challenges: number;
  @ApiProperty({ description: '任一方机构在本县的交易' }) deals: number;
  @ApiProperty({ example: '2026Q4' }) quarter: string;
  @ApiProperty({ example: 2026 }) year: number;
  @ApiProperty({ type: [CountyKpiLineDto] }) kpis: CountyKpiLineDto[];
  @ApiProperty({ type: CountyNeedListDto, nullable: true, description: '最近一份已发布的县域产业技术需求清单' }) needList: CountyNeedListDto | null;
}
