import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AttachmentsService } from './attachments.service';
import { CatalogueReader } from './catalogue-reader';
import { CatalogueService } from './catalogue.service';
import { DisclosureService } from './disclosure.service';
import { CATALOGUE_ENTITIES } from './entities/catalogue-item.entity';
import { ExpireNeedsProcessor } from './expire.processor';
import { ImportController, OrgImportController } from './import/import.controller';
import { ImportService } from './import/import.service';
import { AchievementsController, NeedsController } from './items.controller';
import { AttachmentsController, DisclosureController, ReviewController } from './review.controller';

const providers = [CatalogueService, DisclosureService, AttachmentsService, CatalogueReader];

/** Needs and achievements: listing, review, confidentiality and attachments. */
@Module({
  imports: [TypeOrmModule.forFeature(CATALOGUE_ENTITIES)],
  controllers: [NeedsController, AchievementsController, ReviewController, DisclosureController, AttachmentsController, ImportController, OrgImportController],
  providers: [...providers, ImportService],
  exports: [CatalogueService, CatalogueReader, DisclosureService],
})
export class CatalogueModule {}

@Module({
  imports: [TypeOrmModule.forFeature(CATALOGUE_ENTITIES)],
  providers: [...providers, ExpireNeedsProcessor],
  exports: [CatalogueService, CatalogueReader, DisclosureService],
})
export class CatalogueWorkerModule {}
