import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { parseAllDocuments } from 'yaml';
import { gcCommand } from '../../../server/cli/commands/gc-command.js';

const MODELS: Record<string, new (data: never) => { validate(): void }> = { ServiceAccount, Role, RoleBinding, CronJob };

describe('deploy/examples/embedded-gc-cronjob.yaml', () => {
  const objects = parseAllDocuments(readFileSync('deploy/examples/embedded-gc-cronjob.yaml', 'utf8')).map((document) => document.toJS() as { kind: string; metadata: { namespace: string } });

  describe('when checked against the Kubernetes schema', () => {
    it('should hold only valid objects, all in one namespace', () => {
      expect(objects.map((object) => object.kind)).to.deep.equal(['ServiceAccount', 'Role', 'RoleBinding', 'CronJob']);
      for (const object of objects) {
        const Model = MODELS[object.kind];
        expect(Model, object.kind).not.to.equal(undefined);
        expect(() => new Model!(object as never).validate(), object.kind).not.to.throw();
      }
      expect(new Set(objects.map((object) => object.metadata.namespace))).to.deep.equal(new Set(['flytesnacks-development']));
    });
  });

  describe('when its job runs podsecrets', () => {
    it('should call gc with the options gc takes, for its own namespace', () => {
      const cronJob = objects.find((object) => object.kind === 'CronJob') as unknown as { spec: { jobTemplate: { spec: { template: { spec: { containers: { args: string[] }[] } } } } } };
      const args = cronJob.spec.jobTemplate.spec.template.spec.containers[0]?.args ?? [];
      expect(args).to.deep.equal([gcCommand.name, '--namespace', 'flytesnacks-development']);
      expect(gcCommand.synopsis).to.include('--namespace NS');
    });
  });

  describe('when its Role is read', () => {
    it('should grant gc what it needs and nothing else: list pods, list and delete secrets', () => {
      const role = objects.find((object) => object.kind === 'Role') as unknown as { rules: { resources: string[]; verbs: string[] }[] };
      expect(role.rules).to.deep.equal([
        { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
        { apiGroups: [''], resources: ['secrets'], verbs: ['list', 'delete'] },
      ]);
    });
  });
});
