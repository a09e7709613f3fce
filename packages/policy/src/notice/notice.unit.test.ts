import { noticeClosableOn, noticeOpenOn } from './notice';

// tech-sme.md workflow 4: "Objections may be lodged during the window"; issue 11: a 公示 closes only after its
// last day (today > end date); objections are accepted through the last day.
describe('the 公示 window', () => {
  const w = { openedOn: '2026-03-02', endsOn: '2026-03-16' };
  it.each([
    ['2026-03-01', false, false],
    ['2026-03-02', true, false],
    ['2026-03-16', true, false],
    ['2026-03-17', false, true],
  ])('on %s: objections accepted %s, closable %s', (today, open, closable) => {
    expect(noticeOpenOn(w, today)).toBe(open);
    expect(noticeClosableOn(w.endsOn, today)).toBe(closable);
  });
});
