import { Module } from '@nestjs/common';
import { CatalogueModule } from '@ztt/catalogue';
import { BookingsService } from './bookings.service';
import { AdminCapacityController, BookingsController, CapacityController, MyCapacityController, RunsController } from './capacity.controller';
import { CapacityService } from './capacity.service';
import { RunsService } from './runs.service';

/** 中试熟化与仪器共享 (API only; no jobs): the directory of providers and shared instruments, bookings, verification runs and capacity suggestions. */
@Module({
  imports: [CatalogueModule],
  controllers: [CapacityController, BookingsController, RunsController, MyCapacityController, AdminCapacityController],
  providers: [CapacityService, BookingsService, RunsService],
  exports: [CapacityService],
})
export class CapacityModule {}
