import { Module } from '@nestjs/common';
import { IdentityModule } from '@ztt/identity';
import { PersonalDataController } from './personal-data.controller';
import { PersonalDataService } from './personal-data.service';

/** PIPL rights: personal-data export and account deletion (docs/adr/0005-personal-data.md). */
@Module({
  imports: [IdentityModule],
  controllers: [PersonalDataController],
  providers: [PersonalDataService],
})
export class PrivacyModule {}
