import { Module } from '@nestjs/common';
import { CatalogueModule, CatalogueWorkerModule } from '@ztt/catalogue';
import { SearchAnswers } from './search-answers';
import { SearchIndexService } from './search-index.service';
import { SearchController } from './search.controller';
import { SearchProcessors } from './search.processors';
import { SearchService } from './search.service';

@Module({
  imports: [CatalogueModule],
  controllers: [SearchController],
  providers: [SearchService, SearchAnswers, SearchIndexService],
  exports: [SearchService, SearchIndexService],
})
export class SearchModule {}

/**
 * Index sync in the worker: outbox relay, per-item indexing, reconciliation; and search itself
 * (without its HTTP controller), for the worker's matching to retrieve candidates with.
 */
@Module({
  imports: [CatalogueWorkerModule],
  providers: [SearchIndexService, SearchProcessors, SearchService, SearchAnswers],
  exports: [SearchService, SearchIndexService],
})
export class SearchWorkerModule {}
