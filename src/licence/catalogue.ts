/**
 * The licences Octavo knows: every licence and expression of the SPDX list
 * (spdx.ts), with Octavo's own data where SPDX has none (octavo-data.ts).
 * The one place the rest of the code looks a licence up.
 */
import { findLicence } from './spdx.js';

export type { Licence, LicenceConditions } from './licence.js';
export { findLicence, LICENCES, type LicenceLookup, lookupLicence, suggestLicence } from './spdx.js';

export const ALL_RIGHTS_RESERVED = findLicence('LicenseRef-All-Rights-Reserved')!;
