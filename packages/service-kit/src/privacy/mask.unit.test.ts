import { maskContact, maskEmail, maskName, maskPhone } from './mask';

describe('contact masking (PIPL: minimum exposure in lists)', () => {
  it.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李', '*'],
  ])('name %s → %s', (input, out) => expect(maskName(input)).toBe(out));
  it.each([
    ['0375-1234567', '0375-***4567'],
    ['13800138000', '138****8000'],
    ['0730-12', '0730-****'],
  ])('phone %s → %s', (input, out) => expect(maskPhone(input)).toBe(out));
  it.each([
    ['zhang.san@example.cn', 'z***@example.cn'],
    ['bad', '***'],
  ])('email %s → %s', (input, out) => expect(maskEmail(input)).toBe(out));
  it('masks every field of a contact', () => {
    expect(maskContact({ name: '张三', phone: '0375-1234567', email: 'a@b.cn' })).toEqual({
      name: '张*',
      phone: '0375-***4567',
      email: 'a***@b.cn',
    });
  });
});
