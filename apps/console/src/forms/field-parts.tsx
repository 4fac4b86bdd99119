/** Small pieces every field shares: its element id and its error text (referenced by aria-describedby). */
export const fieldId = (form: string, name: string): string => `${form}-${name.replace(/\./g, '-')}`;

export const ErrorText = ({ id, error }: { id: string; error: string | undefined }) =>
  error ? <p class="field-error" id={`${id}-error`}>{error}</p> : null;
