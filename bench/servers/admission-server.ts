import 'reflect-metadata';
import { silentLogger } from '../../core/logging/logger.js';
import { admissionReviewJson } from '../../core/admission/admission-review-json.js';
import { createPodsecrets } from '../../server/wiring/create-podsecrets.js';
import { serveFloor } from './floor-server.js';

// The admission floor: the Node floor's server and body reading, then podsecrets' own AdmissionHandler
// and answer encoding, and nothing else (no Express, no log line, no metrics, no deadline). It answers
// exactly what podsecrets answers, so it is what any HTTP layer around this admission could reach at
// best: podsecrets against it is what podsecrets' HTTP layer costs, and it against the Node floor is
// what the admission itself costs.

const { handler } = createPodsecrets({ overrides: { webhook: { secretManagerType: 'K8s' } }, logger: silentLogger });

await serveFloor((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void handler.handle(JSON.parse(Buffer.concat(chunks).toString('utf8'))).then((result) => {
      const answer = admissionReviewJson(result.review);
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) });
      response.end(answer);
    });
  });
});
