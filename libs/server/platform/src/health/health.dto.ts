import { ApiProperty } from '@nestjs/swagger';
import { HealthReport } from '@ztt/contracts';

export class LiveDto {
  @ApiProperty({ enum: ['up'] }) status: 'up';
}

class ServicesDto {
  @ApiProperty({ enum: ['up', 'down'] }) postgres: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) redis: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'] }) meilisearch: 'up' | 'down';
}

export class HealthReportDto implements HealthReport {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ type: ServicesDto }) services: ServicesDto;
}
