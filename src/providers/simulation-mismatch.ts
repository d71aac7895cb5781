import type { DocumentPath } from '../config/document-path.js';

/**
 * `--simulate DATA` with a desired-state file that describes another target than the data (a
 * Chartio org slug that differs): thrown before the simulator starts, so that a misspelled org is
 * refused at its line instead of being served as if it were right. `path` is the file's key.
 */
export class SimulationMismatch extends Error {
  override name = 'SimulationMismatch';

  constructor(
    readonly path: DocumentPath,
    /** A sentence without the data file's name; the CLI adds where the data came from. */
    readonly reason: string,
  ) {
    super(reason);
  }
}
