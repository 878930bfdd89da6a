// Audit trail constants: plain values, no zod, so a page that only lists can import them without the schema library.
/**
 * success: done (2xx or a sign-in that opened a session); refused: ScanDeck or a vendor said no
 * (4xx, a throttled sign-in); failed: it broke (5xx, wrong credentials at sign-in); pending: the
 * change was sent and the server stopped before its answer came back.
 */
export const auditOutcomes = ['success', 'refused', 'failed', 'pending'] as const;

export const auditSortFields = ['time', 'username', 'action', 'outcome', 'status'] as const;

/** The audit table's columns, as a saved view or a kept column choice names them. */
export const auditColumnIds = ['time', 'username', 'role', 'action', 'target', 'outcome', 'status', 'errorCode', 'requestIds', 'address'] as const;

export type AuditOutcome = (typeof auditOutcomes)[number];

export type AuditSortField = (typeof auditSortFields)[number];
