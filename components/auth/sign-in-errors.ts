/**
 * What the sign-in page says for each `?error=` that next-auth or ScanDeck's /api/auth guard sends
 * it to. Plain words: what happened, that nobody was signed in, and what to do.
 */
export function signInErrorMessage(code: unknown, providerName: string): string | null {
  const value = Array.isArray(code) ? code[0] : code;
  if (typeof value !== 'string' || value === '') return null;
  switch (value) {
    case 'SsoNoRole':
    case 'AccessDenied':
      return `${providerName} knows you, but your account is in none of the groups that give access to ScanDeck, so you were not signed in. Ask your administrator to add you to a ScanDeck admin or viewer group.`;
    case 'SsoNoGroups':
      return `${providerName} did not say which groups you are in, so ScanDeck cannot give you a role and did not sign you in. Tell the operator: the provider must send the groups claim.`;
    case 'SsoUnreachable':
    case 'OAuthSignin':
      return `ScanDeck could not reach ${providerName}. Nobody was signed in. Try again in a moment, or tell the operator.`;
    case 'SsoExpired':
      return `That sign-in took too long or was already used, so nobody was signed in. Start again with the button below.`;
    case 'SsoRejected':
      return `The answer from ${providerName} failed ScanDeck's checks (issuer, audience or signature), so nobody was signed in. Tell the operator.`;
    case 'SsoFailed':
    case 'OAuthCallback':
    case 'Callback':
      return `Sign-in with ${providerName} could not be completed, so nobody was signed in. Try again, or tell the operator.`;
    case 'Unavailable':
      return 'Sign-in is temporarily unavailable: ScanDeck cannot write its audit trail or its session store. Try again later, or tell the operator.';
    case 'SessionRequired':
      return null;
    default:
      return 'Sign-in could not be completed. Try again, or tell the operator.';
  }
}
