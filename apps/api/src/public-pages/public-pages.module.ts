import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ztt/catalogue';
import { ChallengesModule } from '@ztt/challenges';
import { IdentityDirectoryModule, IdentityModule } from '@ztt/identity';
import { ReadModelModule } from '@ztt/read-model';
import { PublicPagesService } from './public-pages.service';

/** The server-rendered public pages, the sitemap and robots.txt, read through the domains' exported services. */
@Module({
  imports: [CatalogueModule, ChallengesModule, IdentityModule, IdentityDirectoryModule, ReadModelModule],
  providers: [PublicPagesService],
  exports: [PublicPagesService],
})
export class PublicPagesModule {}
