import { deciderSpec } from '@peiyu/eventstore';
import { allEvents } from '@peiyu/contracts';
import type { RegisterEvent } from './events';
import { batchView, certificateNumber, registerDecider, type RegisterCommand } from './register';
import { ctxOn } from './test-support/fixtures';

const ctx = ctxOn('2022-05-01');
const open: Extract<RegisterCommand, { type: 'OpenHnteBatch' }> = {
  type: 'OpenHnteBatch',
  batchId: '43-2022-1',
  provinceCode: '430000',
  year: 2022,
  title: '2022年第一批',
  applicationOpensOn: '2022-05-10',
  applicationClosesOn: '2022-06-30',
  recommendationDueOn: '2022-07-15',
  ruleSetId: 'hnte-2016-32',
};
const { type: _t, ...openData } = open;
const opened: RegisterEvent = { type: 'HnteBatchOpened', data: { ...openData, openedOn: '2022-05-01' } };
const assign = (applicationId: string): RegisterCommand => ({
  type: 'AssignCertificateNumber',
  provinceCode: '430000',
  year: 2022,
  uscc: '91430602MA4L0XY71B',
  applicationId,
});
const assigned = (serial: number, applicationId: string): RegisterEvent => ({
  type: 'CertificateNumberAssigned',
  data: {
    provinceCode: '430000',
    year: 2022,
    serial,
    certificateNumber: certificateNumber(2022, '430000', serial),
    uscc: '91430602MA4L0XY71B',
    applicationId,
    assignedOn: '2022-05-01',
  },
});

describe('province-year register', () => {
  it('opens a batch with its window, recommendation deadline and rule set', () => {
    deciderSpec(registerDecider).given([]).when(open, ctx).then([opened]);
    const r = allEvents();
    expect(() => r.validate({ type: opened.type, schemaVersion: 1, data: opened.data })).not.toThrow();
  });

  it('refuses a second batch with the same id, an unknown rule set and inconsistent dates', () => {
    deciderSpec(registerDecider).given([opened]).when(open, ctx).thenRejects('batch_exists');
    const spec = deciderSpec(registerDecider).given([]);
    spec.when({ ...open, ruleSetId: 'hnte-2008' }, ctx).thenRejects('unknown_rule_set');
    spec.when({ ...open, recommendationDueOn: '2022-06-30' }, ctx).thenRejects('batch_dates');
    spec
      .when({ ...open, applicationClosesOn: '2022-05-01', applicationOpensOn: '2022-05-02' }, ctx)
      .thenRejects('batch_dates');
    spec.when({ ...open, applicationOpensOn: '2021-12-01' }, ctx).thenRejects('batch_year');
    spec.when(open, ctxOn('2022-07-01')).thenRejects('batch_in_the_past');
    spec.when({ ...open, provinceCode: '430600' }, ctx).thenRejects('not_a_province');
  });

  it('keeps one province and year per stream', () => {
    deciderSpec(registerDecider)
      .given([opened])
      .when(
        {
          ...open,
          batchId: 'x',
          year: 2023,
          applicationOpensOn: '2023-05-10',
          applicationClosesOn: '2023-06-30',
          recommendationDueOn: '2023-07-15',
        },
        ctx,
      )
      .thenRejects('wrong_stream');
  });

  it('assigns serials in order: GR + year + province + 6 digits', () => {
    deciderSpec(registerDecider)
      .given([opened])
      .when(assign('a1'), ctx)
      .then([assigned(1, 'a1')]);
    deciderSpec(registerDecider)
      .given([opened, assigned(1, 'a1')])
      .when(assign('a2'), ctx)
      .then([assigned(2, 'a2')]);
    expect(assigned(2, 'a2').data).toMatchObject({ certificateNumber: 'GR202243000002' });
  });

  it('shares one serial between the batches of the province and year', () => {
    const second: RegisterEvent = {
      type: 'HnteBatchOpened',
      data: {
        ...opened.data,
        batchId: '43-2022-2',
        title: '2022年第二批',
        applicationOpensOn: '2022-08-01',
        applicationClosesOn: '2022-08-31',
        recommendationDueOn: '2022-09-15',
      },
    };
    const state = deciderSpec(registerDecider).given([opened, second, assigned(1, 'a1')]).state;
    expect(batchView(state, '43-2022-2')).toMatchObject({
      provinceCode: '430000',
      year: 2022,
      recommendationDueOn: '2022-09-15',
    });
    expect(batchView(state, 'nope')).toBeNull();
    deciderSpec(registerDecider)
      .given([opened, second, assigned(1, 'a1')])
      .when(assign('b2-app'), ctx)
      .then([assigned(2, 'b2-app')]);
  });

  it('never gives one application two numbers, and refuses past the 6-digit serial', () => {
    deciderSpec(registerDecider)
      .given([opened, assigned(1, 'a1')])
      .when(assign('a1'), ctx)
      .thenRejects('number_already_assigned');
    deciderSpec(registerDecider)
      .given([opened, assigned(999_999, 'a1')])
      .when(assign('a2'), ctx)
      .thenRejects('serial_exhausted');
  });
});
