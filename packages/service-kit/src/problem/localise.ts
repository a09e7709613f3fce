import type { LocalisedText } from '@peiyu/contracts';
import type { Request } from 'express';
import type { ProblemKind } from './problem';

/** The languages a problem's `detail` is written in. */
export type Language = 'en' | 'zh';

/** `zh` when the client prefers Chinese (`Accept-Language: zh-CN`, `zh`, `zh-Hans;q=0.9, en;q=0.5`…). */
export function languageOf(req: Request): Language {
  if (req.headers['accept-language'] === undefined) return 'en';
  return req.acceptsLanguages('en', 'zh') === 'zh' ? 'zh' : 'en';
}

/** What each kind of problem means, in Chinese, for details the kit has only in English. */
export const PROBLEM_TITLES_ZH: Record<ProblemKind, string> = {
  validation: '请求内容不符合要求',
  'malformed-json': '请求正文不是有效的 JSON',
  'bad-request': '请求无法处理',
  unauthenticated: '需要登录（请提供有效的令牌）',
  forbidden: '无权执行此操作',
  'not-found': '未找到',
  conflict: '与当前状态冲突',
  'precondition-failed': '前提条件不满足（记录已被修改）',
  'payload-too-large': '请求正文过大',
  'unsupported-media-type': '不支持的媒体类型',
  'too-many-requests': '请求过于频繁，请稍后再试',
  internal: '服务器内部错误',
  unavailable: '服务暂不可用',
};

/** The detail in the asked language; an English-only text is prefixed by its kind's Chinese meaning. */
export function localise(kind: ProblemKind, text: LocalisedText | string, language: Language): string {
  if (typeof text !== 'string') return text[language];
  return language === 'zh' ? `${PROBLEM_TITLES_ZH[kind]}：${text}` : text;
}
