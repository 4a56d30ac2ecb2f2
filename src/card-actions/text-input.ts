/** A typed card input (e.g. `reason`), trimmed; undefined when absent, blank or not text. Untrusted. */
export function textInput(inputs: Record<string, unknown>, name: string): string | undefined {
  const value = inputs[name];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}
