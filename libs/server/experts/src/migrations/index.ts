import { Experts1766400000000 } from './1766400000000-experts';
import { ExpertConsultations1766400000001 } from './1766400000001-expert-consultations';
import { DealConsultations1766400000002 } from './1766400000002-deal-consultations';

/** This domain's migrations, oldest first (the schema composition in @ztt/entities orders every domain's by timestamp). */
export const EXPERT_MIGRATIONS = [Experts1766400000000, ExpertConsultations1766400000001, DealConsultations1766400000002];
