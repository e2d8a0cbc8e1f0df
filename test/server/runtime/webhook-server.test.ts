import { expect } from 'chai';
import express from 'express';
import { WebhookServer } from '../../../server/runtime/webhook-server.js';

describe('WebhookServer', () => {
  describe('when the header deadline is longer than the request deadline', () => {
    it('should refuse to start, naming both keys and values', () => {
      expect(
        () =>
          new WebhookServer({
            app: express(),
            credentials: { cert: '', key: '' },
            host: '127.0.0.1',
            port: 0,
            timeouts: { headersTimeoutMs: 5000, requestTimeoutMs: 1000 },
          }),
      ).to.throw('server.headersTimeoutMs (5000) must not exceed server.requestTimeoutMs (1000): the headers are part of the request');
    });
  });
});
