/**
 * BIMI (draft-brand-indicators-for-message-identification): the `default._bimi` assertion record
 * and the DMARC policy it needs. Logo (SVG Tiny PS) and certificate (VMC/CMC) validation are out
 * of scope.
 */
export { isBimiRecord, parseBimiRecord, type BimiParse, type BimiRecord } from './parse-record.ts';
export {
  bimiDmarcEligibility,
  type BimiDmarcEligibility,
  type BimiDmarcPolicy,
} from './dmarc-requirement.ts';
