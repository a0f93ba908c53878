import { Module } from '@nestjs/common';
import { SearchAnswers } from './search-answers';
import { SearchIndexService } from './search-index.service';
import { SearchController } from './search.controller';
import { SearchProcessors } from './search.processors';
import { SearchService } from './search.service';

@Module({ controllers: [SearchController], providers: [SearchService, SearchAnswers, SearchIndexService], exports: [SearchService, SearchIndexService] })
export class SearchModule {}

/** Index sync in the worker: outbox relay, per-item indexing, reconciliation. */
@Module({ providers: [SearchIndexService, SearchProcessors], exports: [SearchIndexService] })
export class SearchWorkerModule {}
