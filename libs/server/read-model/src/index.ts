export * from './privacy.module';
export { PersonalDataService } from './personal-data.service';
