import { ApiProperty } from '@nestjs/swagger';
import { HomeCampaign, HomeChallenge, HomeFigures, HomeIndustry, HomeItem, HomeView, INDUSTRY_CODES } from '@ztt/contracts';

// ---- the home page's response (GET /api/home) ------------------------------------------------

class HomeFiguresDto implements HomeFigures {
  @ApiProperty({ type: 'integer', description: '已发布的技术需求' }) needs: number;
  @ApiProperty({ type: 'integer', description: '已发布的科技成果' }) achievements: number;
  @ApiProperty({ type: 'integer', description: '正在揭榜的榜单' }) openChallenges: number;
  @ApiProperty({ type: 'integer', example: 2026, description: '北京时间的本年' }) year: number;
  @ApiProperty({ description: '本年认定登记的技术合同成交额（元）', example: '1250000.00' }) contractValue: string;
  @ApiProperty({ type: 'integer', description: '本年认定登记的技术合同数' }) contracts: number;
  @ApiProperty({ type: 'integer', description: '在岗的技术经纪人' }) activeBrokers: number;
}

class HomeItemDto implements HomeItem {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['need', 'achievement'] }) kind: 'need' | 'achievement';
  @ApiProperty() title: string;
  @ApiProperty({ description: '公开摘要（截短）' }) summary: string;
  @ApiProperty() ownerOrgName: string;
  @ApiProperty({ type: [String] }) industries: string[];
  @ApiProperty() region: string;
  @ApiProperty({ type: 'integer' }) trl: number;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

class HomeChallengeDto implements HomeChallenge {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: '榜额（元）', example: '2000000.00' }) bounty: string;
  @ApiProperty({ format: 'date-time', description: '揭榜截止' }) applicationDeadline: string;
  @ApiProperty() ownerOrgName: string;
  @ApiProperty({ type: [String] }) industries: string[];
  @ApiProperty({ type: 'integer' }) applicationCount: number;
}

class HomeIndustryDto implements HomeIndustry {
  @ApiProperty({ enum: INDUSTRY_CODES }) code: string;
  @ApiProperty({ type: 'integer' }) needs: number;
  @ApiProperty({ type: 'integer' }) achievements: number;
  @ApiProperty({ type: 'integer', description: '正在揭榜的榜单' }) challenges: number;
}

class HomeCampaignDto implements HomeCampaign {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2026Q4' }) quarter: string;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ type: [String] }) focusIndustries: string[];
  @ApiProperty({ type: [String] }) focusRegions: string[];
  @ApiProperty({ type: 'integer', description: '本次征集已发布的需求' }) needs: number;
  @ApiProperty({ type: 'integer', description: '本次征集已发布的成果' }) achievements: number;
}

export class HomeDto implements HomeView {
  @ApiProperty({ type: HomeFiguresDto }) figures: HomeFiguresDto;
  @ApiProperty({ type: [HomeItemDto] }) latestNeeds: HomeItemDto[];
  @ApiProperty({ type: [HomeItemDto] }) latestAchievements: HomeItemDto[];
  @ApiProperty({ type: [HomeChallengeDto] }) openChallenges: HomeChallengeDto[];
  @ApiProperty({ type: [HomeIndustryDto], description: '按分类顺序：四绿一蓝在前' }) industries: HomeIndustryDto[];
  @ApiProperty({ type: HomeCampaignDto, nullable: true, description: '正在进行的季度征集' }) campaign: HomeCampaignDto | null;
}
