import { Tag } from 'antd';
import { useState } from 'react';
import { ApplicationStatus, ChallengeMode, ChallengeStatus, groupDigits, MilestoneStatus } from '@ztt/contracts';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages';

const STATUS_COLORS: Record<ChallengeStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  published: 'success',
  reviewing: 'blue',
  notice: 'gold',
  in_progress: 'cyan',
  completed: 'green',
  terminated: 'red',
  cancelled: 'default',
};

/** A published challenge past its deadline reads "closed" (it waits for the review to start). */
export function ChallengeStatusTag({ status, deadline }: { status: ChallengeStatus; deadline?: string }) {
  const { t } = useI18n();
  const [now] = useState(() => Date.now());
  const closed = status === ChallengeStatus.Published && !!deadline && new Date(deadline).getTime() <= now;
  return (
    <Tag color={closed ? 'default' : STATUS_COLORS[status]} data-testid="challenge-status">
      {closed ? t('challenge.status.closed') : t(`challenge.status.${status}` as MessageKey)}
    </Tag>
  );
}

const APP_COLORS: Record<ApplicationStatus, string> = {
  submitted: 'processing',
  withdrawn: 'default',
  under_review: 'blue',
  shortlisted: 'gold',
  awarded: 'success',
  not_awarded: 'default',
  eliminated: 'red',
};

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={APP_COLORS[status]} data-testid="application-status">
      {t(`challenge.appStatus.${status}` as MessageKey)}
    </Tag>
  );
}

const MS_COLORS: Record<MilestoneStatus, string> = { planned: 'default', submitted: 'processing', accepted: 'success', sent_back: 'warning', cancelled: 'default' };

export function MilestoneStatusTag({ status }: { status: MilestoneStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={MS_COLORS[status]} data-testid="milestone-status">
      {t(`challenge.msStatus.${status}` as MessageKey)}
    </Tag>
  );
}

export function ModeTag({ mode, teams }: { mode: ChallengeMode; teams?: number }) {
  const { t } = useI18n();
  return (
    <Tag color={mode === ChallengeMode.HorseRace ? 'purple' : 'geekblue'}>
      {mode !== ChallengeMode.HorseRace ? t('challenge.mode.single') : teams ? t('challenge.mode.horse_race', { count: teams }) : t('challenge.mode.horseRace')}
    </Tag>
  );
}

export function useYuan(): (v: string) => string {
  const { t, locale } = useI18n();
  return (v: string) => t('challenge.yuan', { v: groupDigits(v, locale) });
}

/** A money amount in 元: digits with at most two decimals. */
export const YUAN_PATTERN = /^\d{1,13}(\.\d{1,2})?$/;
