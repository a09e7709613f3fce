import { daysBetween, type IsoDate } from '../core/dates';

/**
 * The 公示 window (tech-sme.md workflow 4, hnte.md workflow 5): objections are accepted from the opening day
 * through the last day, `endsOn` included; the notice may close only after its last day (today > endsOn).
 */
export function noticeOpenOn(
  window: { readonly openedOn: IsoDate; readonly endsOn: IsoDate },
  today: IsoDate,
): boolean {
  return daysBetween(window.openedOn, today) >= 0 && daysBetween(today, window.endsOn) >= 0;
}

/** Whether a notice ending on `endsOn` may be closed on `today`: only once its last day has passed. */
export function noticeClosableOn(endsOn: IsoDate, today: IsoDate): boolean {
  return daysBetween(endsOn, today) > 0;
}
