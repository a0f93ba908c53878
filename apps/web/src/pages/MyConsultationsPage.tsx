import { App, Button, Card, Input, List, Modal, Space, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { CONSULTATION_LIMITS as CL, ConsultationStatus, ConsultationView } from '@ztt/contracts';
import { api } from '../api/client';
import { useApiQuery } from '../api/queries';
import { applyApiError } from '../components/form-errors';
import { ConsultationItem } from '../components/ExpertConsultations';
import { useI18n } from '../i18n/i18n';

type Step = { c: ConsultationView; action: 'answer' | 'decline' };

/** /my/consultations: an expert's consultations (asked of them or accepted by them) — accept, decline, answer; admins see every one. */
export function MyConsultationsPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [step, setStep] = useState<Step | null>(null);
  const [text, setText] = useState('');
  const list = useApiQuery<ConsultationView[]>(['consultations', 'mine'], '/me/consultations', { staleTime: 0 });
  const act = useMutation({
    mutationFn: (v: { id: string; action: 'accept' | 'answer' | 'decline'; body: unknown }) => api<ConsultationView>('POST', `/consultations/${v.id}/${v.action}`, v.body),
    meta: { invalidates: [['consultations']] },
    onSuccess: () => {
      message.success(t('common.saved'));
      setStep(null);
      setText('');
    },
    onError: (e) => message.error(applyApiError(null, e)),
  });
  return (
    <Card title={<h1 style={{ fontSize: 20, margin: 0 }}>{t('expert.consult.mine')}</h1>}>
      <Typography.Paragraph type="secondary">{t('expert.consult.mineHint')}</Typography.Paragraph>
      <List<ConsultationView>
        dataSource={list.data ?? []}
        loading={list.isLoading}
        locale={{ emptyText: t('expert.consult.none') }}
        data-testid="my-consultations"
        renderItem={(c) => (
          <ConsultationItem
            c={c}
            actions={
              c.status === ConsultationStatus.Requested ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    loading={act.isPending}
                    onClick={() => act.mutate({ id: c.id, action: 'accept', body: {} })}
                    data-testid={`consult-accept-${c.id}`}
                  >
                    {t('expert.consult.accept')}
                  </Button>
                  <Button size="small" danger onClick={() => setStep({ c, action: 'decline' })}>
                    {t('expert.consult.decline')}
                  </Button>
                </Space>
              ) : c.status === ConsultationStatus.Accepted ? (
                <Button size="small" type="primary" onClick={() => setStep({ c, action: 'answer' })} data-testid={`consult-answer-${c.id}`}>
                  {t('expert.consult.answer')}
                </Button>
              ) : undefined
            }
          />
        )}
      />
      <Modal
        open={!!step}
        title={step ? `${t(step.action === 'answer' ? 'expert.consult.answer' : 'expert.consult.decline')} · ${step.c.subjectTitle}` : ''}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !text.trim() }}
        confirmLoading={act.isPending}
        onOk={() => step && act.mutate({ id: step.c.id, action: step.action, body: step.action === 'answer' ? { answer: text } : { reason: text } })}
        onCancel={() => setStep(null)}
      >
        <Typography.Paragraph>{step?.c.question}</Typography.Paragraph>
        <Input.TextArea
          rows={step?.action === 'answer' ? 6 : 3}
          maxLength={step?.action === 'answer' ? CL.answerLength : CL.reasonLength}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t(step?.action === 'answer' ? 'expert.consult.answer' : 'expert.consult.declineReason')}
          data-testid="consult-text"
        />
      </Modal>
    </Card>
  );
}
