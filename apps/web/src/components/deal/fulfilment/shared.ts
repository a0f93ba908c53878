import { App, type FormInstance } from 'antd';
import { useMutation } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { AMOUNT_PATTERN, beijingDate, hundredths } from '@ztt/contracts';
import { useI18n } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages';
import { applyApiError } from '../../form-errors';

/** The fulfilment view's query key; every write marks it and the deal itself stale. */
export const fulfilmentKey = (dealId: string) => ['deal', dealId, 'fulfilment'];

/** A picked day as the API takes it. */
export const isoDay = (v: Dayjs | null | undefined): string | undefined => (v ? v.format('YYYY-MM-DD') : undefined);

/** Today in Beijing, for a date field's default. */
export const today = (): Dayjs => dayjs(beijingDate());

/** A 元 amount typed as text: at most two decimals, and above zero unless `zero` is allowed. */
export function isAmount(v: string, zero = false): boolean {
  const s = v.trim();
  return AMOUNT_PATTERN.test(s) && (zero || hundredths(s) > 0n);
}

/**
 * One fulfilment write: it invalidates the fulfilment view and the deal, says `success` on success
 * and the server's message (with its field problems under `form`'s fields) on failure.
 */
export function useFulfilmentWrite<V, R>(dealId: string, write: (v: V) => Promise<R>, success: MessageKey, form?: FormInstance | null, onDone?: (r: R) => void) {
  const { t } = useI18n();
  const { message } = App.useApp();
  return useMutation({
    mutationFn: write,
    meta: { invalidates: [fulfilmentKey(dealId), ['deal', dealId]] },
    onSuccess: (r) => {
      message.success(t(success));
      onDone?.(r);
    },
    onError: (e) => message.error(applyApiError(form ?? null, e)),
  });
}
