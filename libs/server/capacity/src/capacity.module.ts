import { Module } from '@nestjs/common';

/** 中试熟化与仪器共享 (pilot bases, proof-of-concept centres, open production lines, shared instruments; bookings and verification runs). */
@Module({})
export class CapacityModule {}
