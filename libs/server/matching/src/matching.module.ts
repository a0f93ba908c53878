import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule, CatalogueWorkerModule } from '@ztt/catalogue';
import { SearchModule } from '@ztt/search';
import { Match } from './match.entity';
import { MatchingController } from './matching.controller';
import { MatchingProcessor } from './matching.processor';
import { MatchingService } from './matching.service';

@Module({
  imports: [TypeOrmModule.forFeature([Match]), CatalogueModule, SearchModule],
  controllers: [MatchingController],
  providers: [MatchingService],
  exports: [MatchingService],
})
export class MatchingModule {}

/** The worker computes matches when items are published. */
@Module({
  imports: [TypeOrmModule.forFeature([Match]), CatalogueWorkerModule, SearchModule],
  providers: [MatchingService, MatchingProcessor],
})
export class MatchingWorkerModule {}
