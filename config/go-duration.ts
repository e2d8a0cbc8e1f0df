// The parser lives in core (plugins read durations too); kept here for the importers under server/webhook/.
export { parseGoDuration } from '../core/config/go-duration.js';
