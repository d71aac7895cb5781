import type { Change } from './change.js';

/** Builds a change with its id derived from address and action (unique within a plan) and empty defaults. */
export function makeChange<Operation>(
  fields: Omit<Change<Operation>, 'id' | 'dependsOn' | 'touches' | 'reducesAccess'> & Partial<Change<Operation>>,
): Change<Operation> {
  return {
    id: `${fields.address}:${fields.action}`,
    dependsOn: [],
    touches: [],
    reducesAccess: false,
    ...fields,
  };
}
