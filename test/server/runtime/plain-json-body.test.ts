import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { isPlainJsonRequest, jsonBodyOf, readPlainJsonBody } from '../../../server/runtime/plain-json-body.js';
import { podWithSecrets, reviewFor } from '../../support/pod-builders.js';

// The plain reader must give every body it takes the outcome body-parser gives it: the same value, or
// an error with the same status, type and message (the admission router's answer is made of those).
// Each body goes to two servers, one reading with body-parser as json-body.ts configures it and one with
// the plain reader, and what each reports (jsonBodyOf, as the admission route asks) is compared.

const MAX_BYTES = 4096;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const review = JSON.stringify(reviewFor(podWithSecrets({ secrets: [{ group: 'db', key: 'password' }] })));

interface BodyCase {
  readonly name: string;
  /** The body, in the pieces it is sent in (a pause between them, so that they arrive apart). */
  readonly pieces: readonly Buffer[];
  readonly chunked?: boolean;
  readonly contentType?: string;
}

const text = (value: string): Buffer => Buffer.from(value, 'utf8');
const bytes = (...values: number[]): Buffer => Buffer.from(values);

const PLAIN_CASES: readonly BodyCase[] = [
  { name: 'a pod review', pieces: [text(review)] },
  { name: 'a pod review in pieces, chunked', pieces: [text(review.slice(0, 100)), text(review.slice(100, 900)), text(review.slice(900))], chunked: true },
  { name: 'an empty body', pieces: [] },
  { name: 'an empty chunked body', pieces: [], chunked: true },
  { name: 'only white space', pieces: [text(' \r\n\t ')] },
  { name: 'not JSON', pieces: [text('hello, webhook')] },
  { name: 'truncated JSON', pieces: [text(review.slice(0, 200))] },
  { name: 'JSON with trailing garbage', pieces: [text('{"a":1}x')] },
  { name: 'a JSON string, number and null', pieces: [text('["s",1,null]')] },
  { name: 'a bare JSON string', pieces: [text('"AdmissionReview"')] },
  { name: 'a bare number', pieces: [text('42')] },
  { name: 'null', pieces: [text('null')] },
  { name: 'a byte order mark, then JSON', pieces: [BOM, text('{"a":1}')] },
  { name: 'a byte order mark alone', pieces: [BOM] },
  { name: 'two byte order marks, then JSON', pieces: [BOM, BOM, text('{"a":1}')] },
  { name: 'a byte order mark split across chunks', pieces: [bytes(0xef), bytes(0xbb, 0xbf, 0x7b, 0x7d)], chunked: true },
  { name: 'white space, then a byte order mark', pieces: [text(' '), BOM, text('{}')] },
  { name: 'invalid UTF-8 inside a string', pieces: [text('{"a":"'), bytes(0xff, 0xc0, 0x80, 0xed, 0xa0, 0x80), text('"}')] },
  { name: 'invalid UTF-8 outside a string', pieces: [text('{"a":'), bytes(0xff), text('}')] },
  { name: 'a character split across chunks', pieces: [text('{"a":"\u20ac'.slice(0, 6)), bytes(0xe2, 0x82), bytes(0xac), text('"}')], chunked: true },
  { name: 'a sequence cut short across chunks', pieces: [text('{"a":"'), bytes(0xe2, 0x82), text('A"}')], chunked: true },
  { name: 'a NUL byte in a string', pieces: [text('{"a":"'), bytes(0x00), text('"}')] },
  { name: 'a body nested 500 deep', pieces: [text(`${'['.repeat(500)}${']'.repeat(500)}`)] },
  { name: 'a chunked body over the limit', pieces: [text(`"${'x'.repeat(MAX_BYTES)}"`)], chunked: true },
  { name: 'a chunked body over the limit in pieces', pieces: [text(`"${'x'.repeat(MAX_BYTES / 2)}`), text(`${'x'.repeat(MAX_BYTES / 2)}"`)], chunked: true },
  { name: 'a body exactly at the limit', pieces: [text(`"${'x'.repeat(MAX_BYTES - 2)}"`)] },
  { name: 'an upper-case content type', pieces: [text('{"a":1}')], contentType: 'APPLICATION/JSON; CHARSET=UTF-8' },
];

// Spellings the plain reader leaves to body-parser: another charset, a content coding, parameters.
const OTHER_HEADERS: readonly (readonly [string, string])[] = [
  ['content-type', 'application/json; charset=latin1'],
  ['content-type', 'application/json; charset=utf8'],
  ['content-type', 'application/json; charset=utf-16'],
  ['content-type', 'application/json; charset="utf-8"'],
  ['content-type', 'application/json;charset=utf-8'],
  ['content-type', 'application/json; charset=utf-8; q=1'],
  ['content-type', 'application/merge-patch+json'],
  ['content-encoding', 'gzip'],
  ['content-encoding', 'deflate'],
  ['content-encoding', 'identity, gzip'],
];

/** What a server saw: the body read, or the error's fields; and whether the plain reader would take it. */
interface Outcome {
  readonly plain: boolean;
  readonly body?: unknown;
  readonly error?: { status: unknown; type: unknown; message: unknown };
}

type Reader = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

const bodyParser: Reader = express.json({ limit: MAX_BYTES, strict: false, type: () => true });
const plainReader: Reader = (request, _response, next) => readPlainJsonBody(request, MAX_BYTES, next);

function reporting(reader: Reader): Server {
  return createServer((request, response) => {
    const plain = isPlainJsonRequest(request);
    const failed = (error: unknown): Outcome => ({
      plain,
      error: { status: (error as { status?: unknown }).status, type: (error as { type?: unknown }).type, message: (error as Error).message },
    });
    reader(request, response, (readError?: unknown) => {
      let outcome: Outcome;
      if (readError !== undefined) {
        outcome = failed(readError);
      } else {
        try {
          outcome = { plain, body: jsonBodyOf(request) };
        } catch (error) {
          outcome = failed(error);
        }
      }
      response.setHeader('connection', 'close');
      response.end(JSON.stringify(outcome));
    });
  });
}

function chunk(piece: Buffer): Buffer {
  return Buffer.concat([text(`${piece.length.toString(16)}\r\n`), piece, text('\r\n')]);
}

/** Sends a body case over a connection of its own, each piece 5 ms after the last; resolves with the server's report. */
function send(port: number, testCase: BodyCase, headers: Readonly<Record<string, string>> = {}): Promise<Outcome> {
  const length = testCase.pieces.reduce((sum, piece) => sum + piece.length, 0);
  const head = Object.entries({
    'content-type': testCase.contentType ?? 'application/json',
    ...(testCase.chunked === true ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(length) }),
    ...headers,
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const writes = [text(`POST /mutate HTTP/1.1\r\nhost: localhost\r\n${head}\r\n`), ...testCase.pieces.map((piece) => (testCase.chunked === true ? chunk(piece) : piece))];
  if (testCase.chunked === true) writes.push(text('0\r\n\r\n'));
  return new Promise((resolve, reject) => {
    const received: Buffer[] = [];
    const socket = connect({ host: '127.0.0.1', port }, () => {
      const next = (index: number): void => {
        if (index >= writes.length || socket.destroyed) return;
        socket.write(writes[index]!);
        setTimeout(() => next(index + 1), 5);
      };
      next(0);
    });
    socket.on('data', (data: Buffer) => received.push(data));
    socket.on('error', reject);
    socket.on('close', () => {
      const answer = Buffer.concat(received).toString('utf8');
      resolve(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Outcome);
    });
  });
}

describe('readPlainJsonBody', () => {
  let reference: Server;
  let plain: Server;
  const portOf = (server: Server): number => (server.address() as AddressInfo).port;

  before(async () => {
    reference = reporting(bodyParser);
    plain = reporting(plainReader);
    await Promise.all([reference, plain].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  });
  after(async () => {
    await Promise.all([reference, plain].map((server) => new Promise((resolve) => server.close(resolve))));
  });

  describe('when given a plain UTF-8 JSON body', () => {
    for (const testCase of PLAIN_CASES) {
      it(`should read ${testCase.name} as body-parser does`, async () => {
        const [expected, actual] = await Promise.all([send(portOf(reference), testCase), send(portOf(plain), testCase)]);
        expect(actual.plain, 'the plain reader takes it').to.equal(true);
        expect(actual).to.deep.equal(expected);
      });
    }
  });

  describe('when the body has arrived', () => {
    it('should keep its bytes unparsed until the body is asked for', async () => {
      const seen: unknown[] = [];
      const server = createServer((request, response) => {
        readPlainJsonBody(request, MAX_BYTES, () => {
          seen.push((request as { body?: unknown }).body, jsonBodyOf(request), (request as { body?: unknown }).body);
          response.setHeader('connection', 'close');
          response.end('{}');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        await send(portOf(server), { name: 'an object', pieces: [text('{"a":1}')] });
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
      expect(seen).to.deep.equal([undefined, { a: 1 }, { a: 1 }]);
    });
  });

  describe('when the body is not sent as plain UTF-8 JSON', () => {
    for (const [name, value] of OTHER_HEADERS) {
      it(`should leave ${name}: ${value} to body-parser`, async () => {
        const outcome = await send(portOf(reference), { name, pieces: [text('{}')] }, { [name]: value });
        expect(outcome.plain).to.equal(false);
      });
    }
  });
});
