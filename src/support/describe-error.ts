import { scrub } from './logger';

const SAS_SIGNATURE = /sig=[^&\s]+/gi;

/**
 * An error in one short line, for log fields, audit details and error messages: its status and
 * code (or its name) and the first line of its message — scrubbed of bearer tokens, JWTs and SAS
 * signatures, never a stack or a request body.
 */
export function describeError(error: unknown, maxLength = 200): string {
  const e = (error !== null && typeof error === 'object' ? error : {}) as { name?: unknown; statusCode?: unknown; code?: unknown; message?: unknown };
  const status = [e.statusCode, e.code].filter((part) => part !== undefined && part !== null && part !== '').join(' ');
  const message = typeof e.message === 'string' ? e.message : typeof error === 'string' ? error : '';
  const firstLine = message.split('\n')[0].trim();
  // "404 NotFound the message" when the error has a status or code, else "TypeError: the message".
  const label = status ? `${status} ` : error instanceof Error ? `${error.name}: ` : '';
  const text = `${label}${firstLine}`.trim() || 'non-error value thrown';
  return (scrub(text) as string).replace(SAS_SIGNATURE, 'sig=[redacted]').slice(0, maxLength);
}
