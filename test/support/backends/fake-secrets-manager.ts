import { LoopbackServer, sendJson } from './loopback-server.js';

const JSON_1_1 = 'application/x-amz-json-1.1';

/** A secret as Secrets Manager holds it: text or bytes. */
export type StoredAwsSecret = { readonly string: string } | { readonly binary: Uint8Array } | { readonly empty: true };

/**
 * AWS Secrets Manager's JSON 1.1 protocol on loopback: POST / with X-Amz-Target
 * secretsmanager.GetSecretValue, answers and errors (`__type`, x-amzn-ErrorType) as the service sends them.
 */
export class FakeSecretsManager {
  readonly secrets = new Map<string, StoredAwsSecret>();
  readonly server: LoopbackServer;
  /** When set, every call fails with this service error and status. */
  failWith: { status: number; type: string } | undefined;

  constructor() {
    this.server = new LoopbackServer((request, response) => {
      const fail = (status: number, type: string, message: string): void => {
        response.setHeader('x-amzn-errortype', type);
        response.setHeader('x-amzn-requestid', 'f6a7d1c2-0000-4000-8000-000000000000');
        sendJson(response, status, { __type: type, Message: message }, JSON_1_1);
      };
      if (request.method !== 'POST' || request.path !== '/') return fail(404, 'UnknownOperationException', 'unknown path');
      if (request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return fail(400, 'UnknownOperationException', `unknown target ${String(request.headers['x-amz-target'])}`);
      if (request.headers['content-type'] !== JSON_1_1) return fail(400, 'SerializationException', 'bad content type');
      if (!String(request.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 Credential=AKIDPODSECRETS/'))
        return fail(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
      if (this.failWith !== undefined) return fail(this.failWith.status, this.failWith.type, 'injected failure');
      const body = JSON.parse(request.body) as { SecretId?: string; VersionStage?: string };
      const secret = this.secrets.get(body.SecretId ?? '');
      if (secret === undefined) return fail(400, 'ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
      const answer: Record<string, unknown> = {
        ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${body.SecretId}-AbCdEf`,
        Name: body.SecretId,
        VersionId: 'EXAMPLE1-90ab-cdef-fedc-ba987SECRET1',
        VersionStages: [body.VersionStage ?? 'AWSCURRENT'],
        CreatedDate: 1.523477145713e9,
      };
      if ('string' in secret) answer['SecretString'] = secret.string;
      if ('binary' in secret) answer['SecretBinary'] = Buffer.from(secret.binary).toString('base64');
      sendJson(response, 200, answer, JSON_1_1);
    });
  }

  async start(): Promise<this> {
    await this.server.start();
    return this;
  }

  stop(): Promise<void> {
    return this.server.stop();
  }
}
