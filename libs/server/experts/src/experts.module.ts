import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ztt/catalogue';
import { ChallengesModule } from '@ztt/challenges';
import { DealsModule } from '@ztt/deals';
import { ConsultationsController } from './consultations.controller';
import { ConsultationsService } from './consultations.service';
import { AdminExpertsController, ExpertsController, MyExpertProfileController } from './experts.controller';
import { ExpertsService } from './experts.service';

/** 专家库 (API only; no jobs): expertise profiles, their verification, the public directory, panel suggestions and consultations on needs. */
@Module({
  imports: [CatalogueModule, ChallengesModule, DealsModule],
  controllers: [ExpertsController, MyExpertProfileController, AdminExpertsController, ConsultationsController],
  providers: [ExpertsService, ConsultationsService],
})
export class ExpertsModule {}
