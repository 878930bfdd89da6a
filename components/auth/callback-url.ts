export const defaultCallbackUrl = '/';

/**
 * Only a same-site path may be a post-login destination; anything absolute, protocol-relative
 * or odd falls back to the overview so a crafted link cannot send people elsewhere.
 */
export function safeCallbackUrl(value: unknown): string {
  const raw = Array.isArray(value) ? value[0] : value;
  if (typeof raw !== 'string') return defaultCallbackUrl;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return defaultCallbackUrl;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this refuses.
  if (/[\u0000-\u001f\\]/.test(raw)) return defaultCallbackUrl;
  if (raw.startsWith('/login') || raw.startsWith('/api/')) return defaultCallbackUrl;
  return raw;
}
