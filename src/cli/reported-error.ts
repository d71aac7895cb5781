/** A failure already explained to the user on stderr; the command only sets exit code 1. */
export class ReportedError extends Error {}
