import 'server-only';

/** The HTTP methods that change something: they need the CSRF check, a body read, an audit record. */
const mutatingMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const isMutation = (method: string): boolean => mutatingMethods.has(method.toUpperCase());
