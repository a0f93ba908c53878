import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule, CatalogueWorkerModule } from '@ztt/catalogue';
import { SearchModule, SearchWorkerModule } from '@ztt/search';
import { BrokerController, AdminMatchingController, MatchController } from './brokers.controller';
import { BrokersService } from './brokers.service';
import { BrokerProfession } from './broker-profession.service';
import { BrokerProfessionController, BrokerFirmController, AdminBrokerProfessionController } from './broker-profession.controller';
import { BrokerProfile, BrokerTraining, Match } from './match.entity';
import { MatchingController } from './matching.controller';
import { MatchingProcessor } from './matching.processor';
import { MatchRanker } from './match-ranker';
import { MatchingService } from './matching.service';
import { QuarterlyController } from './quarterly.controller';
import { QuarterlyProcessor } from './quarterly.processor';
import { QuarterlyService } from './quarterly.service';
import { TextStatistics } from './text-statistics';

@Module({
  imports: [TypeOrmModule.forFeature([Match, BrokerProfile, BrokerTraining]), CatalogueModule, SearchModule],
  controllers: [
    MatchingController,
    MatchController,
    BrokerController,
    AdminMatchingController,
    QuarterlyController,
    BrokerProfessionController,
    AdminBrokerProfessionController,
    BrokerFirmController,
  ],
  providers: [MatchRanker, MatchingService, BrokersService, QuarterlyService, TextStatistics, BrokerProfession],
  // BrokerProfession: the read port of brokers' levels and firms (certifiedActiveBrokerCount for the KPI register).
  exports: [MatchingService, BrokerProfession],
})
export class MatchingModule {}

/** The worker computes matches when items are published, and runs the quarterly matching. */
@Module({
  imports: [TypeOrmModule.forFeature([Match, BrokerProfile]), CatalogueWorkerModule, SearchWorkerModule],
  providers: [MatchRanker, MatchingService, BrokersService, MatchingProcessor, QuarterlyService, QuarterlyProcessor, TextStatistics],
})
export class MatchingWorkerModule {}
