/**
 * One-time codes sent by SMS to prove the borrower holds the mobile (短信验证码). The numbers follow
 * common bank practice: a code lives 5 minutes and allows 5 tries; a new one can be asked for after
 * 60 s, at most 5 in an hour.
 */
export const phoneCodePolicy = {
  ttlSeconds: 300,
  maxAttempts: 5,
  resendCooldownSeconds: 60,
  perHour: 5,
  digits: 6,
} as const;

/** The SMS text (zh-CN, as sent in mainland China). */
export function phoneCodeMessage(code: string): string {
  return `【面签】您的身份核验验证码为 ${code}，${phoneCodePolicy.ttlSeconds / 60} 分钟内有效。请勿告诉他人。`;
}
