export { ExpertsModule } from './experts.module';
export { EXPERT_ENTITIES, ExpertConsultation, ExpertProfile } from './expert-profile.entity';
export { EXPERT_MIGRATIONS } from './migrations';
