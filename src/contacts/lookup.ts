/**
 * Stored values never hold NUL or broken Unicode (validation refuses them), and
 * PostgreSQL cannot even receive them: such an id or key matches nothing, unasked.
 */
export const canMatch = (value: string) => value.isWellFormed() && !value.includes('\u0000');
