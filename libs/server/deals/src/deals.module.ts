import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CatalogueModule } from '@ztt/catalogue';
import { ChallengesModule } from '@ztt/challenges';
import { ContractFulfilmentController } from './contract-fulfilment.controller';
import { ContractFulfilmentService } from './contract-fulfilment.service';
import { ApprovalsController, DealApprovalController } from './deal-approvals.controller';
import { DealApprovalsService } from './deal-approvals.service';
import { DealDocumentMail } from './deal-document-mail';
import { DealRemindersProcessor } from './deal-reminders.processor';
import { FulfilmentScanProcessor } from './fulfilment-scan.processor';
import { DealWorkService } from './deal-work.service';
import { DEAL_ENTITIES } from './deal.entity';
import { AdminDealsController, DealDocumentsController, DealsController } from './deals.controller';
import { DealsService } from './deals.service';
import { FinancingDealPort } from './financing-port';
import { AdminBrokerRatingsController, BrokerOwnRatingController, DealBrokerRatingController } from './deal-broker-ratings.controller';
import { DealBrokerRatings } from './deal-broker-ratings.service';

/** The broker's deal desk (API). */
@Module({
  imports: [TypeOrmModule.forFeature(DEAL_ENTITIES), CatalogueModule, ChallengesModule],
  controllers: [
    DealsController,
    DealDocumentsController,
    AdminDealsController,
    DealApprovalController,
    ApprovalsController,
    ContractFulfilmentController,
    DealBrokerRatingController,
    AdminBrokerRatingsController,
    BrokerOwnRatingController,
  ],
  providers: [DealsService, DealWorkService, DealApprovalsService, ContractFulfilmentService, DealBrokerRatings, FinancingDealPort],
  exports: [DealsService, FinancingDealPort],
})
export class DealsModule {}

/** Task reminders, the idle-deal scan, the fulfilment scan, and shared documents attached to their emails (worker). */
@Module({
  imports: [TypeOrmModule.forFeature(DEAL_ENTITIES)],
  providers: [DealRemindersProcessor, DealDocumentMail, FulfilmentScanProcessor],
})
export class DealsWorkerModule {}
