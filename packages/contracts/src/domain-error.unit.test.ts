import { DomainError, refusals } from './domain-error';

describe('DomainError', () => {
  const refuse = refusals({ date_in_future: '日期不能晚于今天' });

  it('carries a stable code, both texts and the field; its message is the English text', () => {
    const err = refuse('invalid', 'date_in_future', 'foundedOn 2030-01-01 is after today', 'foundedOn');
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      kind: 'invalid',
      code: 'date_in_future',
      field: 'foundedOn',
      message: 'foundedOn 2030-01-01 is after today',
      text: { zh: '日期不能晚于今天', en: 'foundedOn 2030-01-01 is after today' },
    });
  });

  it('leaves the field out when the rule is about the state, not an input', () => {
    expect(refuse('conflict', 'date_in_future', 'x').field).toBeUndefined();
  });
});
