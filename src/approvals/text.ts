/** Trims free text a person typed and caps its length; blank becomes undefined. */
export function cleanText(text: string | undefined, maxLength: number): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  return trimmed.length > maxLength ? trimmed.slice(0, maxLength) : trimmed;
}

export const REASON_MAX_LENGTH = 500;
export const JUSTIFICATION_MAX_LENGTH = 500;
