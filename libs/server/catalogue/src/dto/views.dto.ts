import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DisclosureRequestView,
  DisclosureStatus,
  FUNDING_SOURCES,
  ItemKind,
  ItemStatus,
  NeedQuality,
  NeedQualityCheck,
  NeedQualityItem,
  RIGHTS_GRANTED,
  RightsGranted,
} from '@ztt/contracts';
import { PageOf } from '@ztt/platform';
import { ContactDto, IpItemDto, TeamMemberDto } from './item.dto';

export class AttachmentViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mimeType: string;
  @ApiProperty() size: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

class ItemViewBaseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['need', 'achievement'] }) kind: ItemKind;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) chains: string[];
  @ApiProperty({ type: [String] }) industries: string[];
  @ApiProperty({ type: [String] }) keywords: string[];
  @ApiProperty() region: string;
  @ApiProperty() trl: number;
  @ApiProperty({ type: [String] }) cooperationModes: string[];
  @ApiProperty({ enum: ItemStatus }) status: ItemStatus;
  @ApiProperty({ format: 'uuid' }) ownerOrgId: string;
  @ApiProperty() ownerOrgName: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) rejectionReason: string | null;
  @ApiProperty({ description: 'whether the confidential part below is included' }) confidentialVisible: boolean;
  @ApiProperty({ enum: DisclosureStatus, nullable: true }) myDisclosure: DisclosureStatus | null;
  @ApiProperty() canEdit: boolean;
  @ApiPropertyOptional({ description: '仅有权限者可见' }) confidentialDetails?: string;
  @ApiPropertyOptional({ type: ContactDto }) contact?: ContactDto;
  @ApiPropertyOptional({ type: [AttachmentViewDto] }) attachments?: AttachmentViewDto[];
}

const QUALITY_CHECKS: NeedQualityCheck[] = ['criteria', 'indicators', 'budget', 'trl', 'keywords', 'summary'];

export class NeedQualityItemDto implements NeedQualityItem {
  @ApiProperty({ enum: QUALITY_CHECKS, description: '验收标准 / 含单位的量化指标 / 预算区间 / 技术成熟度 / 关键词（≥3）/ 摘要（≥60 字）' }) code: NeedQualityCheck;
  @ApiProperty({ description: '满足时计入的分值' }) weight: number;
  @ApiProperty() met: boolean;
}

export class NeedQualityDto implements NeedQuality {
  @ApiProperty({ minimum: 0, maximum: 100, description: '需求完整度（needQuality）' }) score: number;
  @ApiProperty({ type: [NeedQualityItemDto] }) checks: NeedQualityItemDto[];
  @ApiProperty({ enum: QUALITY_CHECKS, isArray: true, description: '未满足的检查项' }) missing: NeedQualityCheck[];
}

export class NeedViewDto extends ItemViewBaseDto {
  @ApiProperty() category: string;
  @ApiProperty({ type: String, nullable: true }) budgetMin: string | null;
  @ApiProperty({ type: String, nullable: true }) budgetMax: string | null;
  @ApiProperty() budgetNegotiable: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) deadline: string | null;
  @ApiProperty() acceptanceCriteria: string;
  @ApiPropertyOptional({ type: NeedQualityDto, description: '需求完整度与缺项清单（仅需求）' }) quality?: NeedQualityDto;
}

export class AchievementViewDto extends ItemViewBaseDto {
  @ApiProperty() maturityStage: string;
  @ApiProperty({ type: [IpItemDto] }) ipItems: IpItemDto[];
  @ApiProperty({ type: [TeamMemberDto] }) team: TeamMemberDto[];
  @ApiProperty({ type: String, nullable: true }) askingPrice: string | null;
  @ApiProperty() priceNegotiable: boolean;
  @ApiProperty() priceTerms: string;
  @ApiProperty() applicationFields: string;
  @ApiProperty() provenResults: string;
  @ApiProperty({ description: '职务科技成果' }) serviceInvention: boolean;
  @ApiProperty({ type: String, enum: FUNDING_SOURCES, nullable: true, description: '经费来源' }) fundingSource: string | null;
  @ApiProperty({ enum: RIGHTS_GRANTED, description: '赋权' }) rightsGranted: RightsGranted;
}

export class FieldChangeDto {
  @ApiProperty() field: string;
  @ApiProperty({ nullable: true }) before: unknown;
  @ApiProperty({ nullable: true }) after: unknown;
}

export class ReviewEntryDto {
  @ApiProperty({ type: NeedViewDto, description: 'a need or an achievement' }) item: NeedViewDto;
  @ApiProperty({ type: [FieldChangeDto] }) changes: FieldChangeDto[];
}

export class DisclosureRequestViewDto implements DisclosureRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['need', 'achievement'] }) itemKind: ItemKind;
  @ApiProperty({ format: 'uuid' }) itemId: string;
  @ApiProperty() itemTitle: string;
  @ApiProperty({ format: 'uuid' }) requesterOrgId: string;
  @ApiProperty() requesterOrgName: string;
  @ApiProperty() requesterName: string;
  @ApiProperty() reason: string;
  @ApiProperty({ enum: DisclosureStatus }) status: DisclosureStatus;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) decidedAt: string | null;
}

export const NeedPageDto = PageOf(NeedViewDto, 'NeedPageDto');
export const AchievementPageDto = PageOf(AchievementViewDto, 'AchievementPageDto');
export const ReviewPageDto = PageOf(ReviewEntryDto, 'ReviewPageDto');
export const DisclosurePageDto = PageOf(DisclosureRequestViewDto, 'DisclosurePageDto');
