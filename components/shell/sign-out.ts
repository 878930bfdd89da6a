/**
 * next-auth's sign-out as two plain requests (its CSRF token, then the POST that ends the session),
 * so every console page does not ship next-auth's client library for one button.
 */
export async function signOut(callbackUrl: string): Promise<void> {
  try {
    const csrf = (await (await fetch('/api/auth/csrf', { cache: 'no-store' })).json()) as { csrfToken?: unknown };
    if (typeof csrf.csrfToken === 'string') {
      await fetch('/api/auth/signout', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Auth-Return-Redirect': '1' },
        body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl, json: 'true' }),
      });
    }
  } finally {
    // Whatever happened, leave the console: the login page shows whether the session is still there.
    window.location.href = callbackUrl;
  }
}
