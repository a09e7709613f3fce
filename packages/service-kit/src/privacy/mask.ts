/**
 * PIPL: lists show contacts masked; the full contact appears only on the single-record read, which is logged.
 * 张三 → 张*, 0375-1234567 → 0375-***4567, 13800138000 → 138****8000, zhang.san@example.cn → z***@example.cn
 */
export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? '*' : chars[0] + '*'.repeat(chars.length - 1);
}

export function maskPhone(phone: string): string {
  // Keep the area code (before the last '-') or a mobile's first 3 digits, and the last 4 digits.
  const dash = phone.lastIndexOf('-');
  const prefix = dash >= 0 ? phone.slice(0, dash + 1) : phone.slice(0, 3);
  const rest = dash >= 0 ? phone.slice(dash + 1) : phone.slice(3);
  if (rest.length <= 4) return `${prefix}****`;
  return prefix + '*'.repeat(rest.length - 4) + rest.slice(-4);
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return `${email[0]}***${email.slice(at)}`;
}

export function maskContact(c: { name: string; phone: string; email: string }) {
  return { name: maskName(c.name), phone: maskPhone(c.phone), email: maskEmail(c.email) };
}
