import 'reflect-metadata';
import { silentLogger } from '../../core/logging/logger.js';
import { admissionReviewJson } from '../../core/admission/admission-review-json.js';
import { createPodsecrets } from '../../server/wiring/create-podsecrets.js';
import { serveJsonFloor } from './floor-server.js';

// The admission floor: the Node floor's server and body reading, then podsecrets' own AdmissionHandler
// and answer encoding, and nothing else (no Express, no log line, no metrics, no deadline). It answers
// exactly what podsecrets answers, so it is what any HTTP layer around this admission could reach at
// best: podsecrets against it is what podsecrets' HTTP layer costs, and it against the Node floor is
// what the admission itself costs.

const { handler } = createPodsecrets({ overrides: { webhook: { secretManagerType: 'K8s' } }, logger: silentLogger });

await serveJsonFloor(async (body) => admissionReviewJson((await handler.handle(JSON.parse(body))).review));
