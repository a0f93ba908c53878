import { Module } from '@nestjs/common';
import { SearchModule } from '@ztt/search';
import { CommissionerMatchesService } from './commissioner-matches.service';
import { AdminCommissionersController, CommissionersController, CommissionerWorkbenchController, ServedPartyController } from './commissioners.controller';
import { CommissionersService } from './commissioners.service';
import { ServiceLogsService } from './service-logs.service';

/** 科技特派员 (API only; no jobs): the roster, assignments, yearly service lists, service logs and their confirmation, and matches. */
@Module({
  imports: [SearchModule],
  controllers: [CommissionersController, AdminCommissionersController, CommissionerWorkbenchController, ServedPartyController],
  providers: [CommissionersService, ServiceLogsService, CommissionerMatchesService],
})
export class CommissionersModule {}
