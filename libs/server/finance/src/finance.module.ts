import { Module } from '@nestjs/common';

/** 科技金融 (financing requests, investor and bank profiles, financing matches, policy referrals, roadshows). */
@Module({})
export class FinanceModule {}
