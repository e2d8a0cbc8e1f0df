import { expect } from 'chai';
import { podSecretName } from '../../../plugins/embedded/pod-secret-writer.js';
import { checkNamespaceTemplate, renderNamespace } from '../../../plugins/embedded/namespace-bound-scope.js';
import { admit, admitAndCheck } from '../../support/admit.js';
import { FakeKubeApi } from '../../support/fake-kube-api.js';
import { reviewFor } from '../../support/pod-builders.js';
import { embeddedPodsecrets, ENV, envOf, storeFlyteSecret, taskPod } from './embedded-fixtures.js';

const PLAIN = { valueDelivery: 'plainText' };
const SHOP = { organization: 'acme', project: 'shop', domain: 'prod' };
const ATTACKER = { organization: 'acme', project: 'attacker', domain: 'dev' };
const shopId = (key: string): string => `u__org__acme__domain__prod__project__shop__key__${key}`;
const attackerId = (key: string): string => `u__org__acme__domain__dev__project__attacker__key__${key}`;

describe('namespaceBoundScope', () => {
  let kube: FakeKubeApi;

  beforeEach(async () => {
    kube = await new FakeKubeApi().start();
    storeFlyteSecret(kube, shopId('db-password'), 'shop-prod-password');
    storeFlyteSecret(kube, attackerId('db-password'), 'attacker-dev-password');
  });

  afterEach(() => kube.stop());

  describe("when a pod in namespace attacker-dev is labelled with another team's project and domain", () => {
    for (const delivery of ['plainText', 'secretRef']) {
      it(`should deny naming the namespace, the labels and the template, before any backend call (${delivery})`, async () => {
        const { handler } = embeddedPodsecrets(kube, { valueDelivery: delivery });
        const { response } = await admit(handler, taskPod([{ key: 'db-password', mountRequirement: ENV }], SHOP, 'attacker-dev'));
        expect(response.allowed).to.equal(false);
        expect(response.status?.message).to.include(
          `Embedded: [SecretRequirementsError] the pod's labels project "shop", domain "prod" render through namespace_mapping.template "{{ project }}-{{ domain }}" to namespace "shop-prod", not to the pod's namespace "attacker-dev": a pod reads only the scope of its own namespace, so its labels must render to "attacker-dev"`,
        );
        expect(JSON.stringify(response)).not.to.include('shop-prod-password');
        expect(kube.requests).to.deep.equal([]);
      });
    }
  });

  describe('when the labels render to the pod namespace', () => {
    it("should read that namespace's scope", async () => {
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const pod = await admitAndCheck(handler, taskPod([{ key: 'db-password', mountRequirement: ENV }], ATTACKER, 'attacker-dev'));
      expect(envOf(pod)[0]).to.deep.equal({ name: '_UNION_DB-PASSWORD', value: 'attacker-dev-password' });
    });
  });

  describe('when the organization label is not the configured organization', () => {
    it('should deny naming the label, the key and the value accepted', async () => {
      storeFlyteSecret(kube, 'u__org__other__domain__dev__project__attacker__key__db-password', 'other-org-password');
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const { response } = await admit(handler, taskPod([{ key: 'db-password', mountRequirement: ENV }], { ...ATTACKER, organization: 'other' }, 'attacker-dev'));
      expect(response.status?.message).to.include(
        `the pod's organization label "other" is not the configured organization "acme" (webhook.embeddedSecretManagerConfig.organization); namespace_mapping.template "{{ project }}-{{ domain }}" does not name {{ org }}, so the organization label must be absent or "acme"`,
      );
      expect(kube.requests).to.deep.equal([]);
    });
  });

  describe('when the pod has no organization label', () => {
    it('should read at the configured organization', async () => {
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const pod = await admitAndCheck(handler, taskPod([{ key: 'db-password', mountRequirement: ENV }], { project: 'attacker', domain: 'dev' }, 'attacker-dev'));
      expect(envOf(pod)[0]).to.deep.equal({ name: '_UNION_DB-PASSWORD', value: 'attacker-dev-password' });
    });
  });

  describe('when the template names {{ org }}', () => {
    const template = { namespace_mapping: { template: '{{ org }}-{{ project }}-{{ domain }}' } };

    it('should bind the organization label to the namespace too', async () => {
      storeFlyteSecret(kube, 'u__org__beta__domain__dev__project__attacker__key__db-password', 'beta-password');
      const { handler } = embeddedPodsecrets(kube, PLAIN, undefined, template);
      const pod = await admitAndCheck(handler, taskPod([{ key: 'db-password', mountRequirement: ENV }], { ...ATTACKER, organization: 'beta' }, 'beta-attacker-dev'));
      expect(envOf(pod)[0]).to.deep.equal({ name: '_UNION_DB-PASSWORD', value: 'beta-password' });
    });

    it("should deny another organization's labels", async () => {
      const { handler } = embeddedPodsecrets(kube, PLAIN, undefined, template);
      const { response } = await admit(handler, taskPod([{ key: 'db-password', mountRequirement: ENV }], SHOP, 'beta-attacker-dev'));
      expect(response.status?.message).to.include(
        `the pod's labels organization "acme", project "shop", domain "prod" render through namespace_mapping.template "{{ org }}-{{ project }}-{{ domain }}" to namespace "acme-shop-prod"`,
      );
      expect(kube.requests).to.deep.equal([]);
    });
  });

  describe('when the template does not name {{ domain }}', () => {
    it('should deny saying the template cannot bind the domain', async () => {
      const { handler } = embeddedPodsecrets(kube, PLAIN, undefined, { namespace_mapping: { template: '{{ project }}' } });
      const { response } = await admit(handler, taskPod([{ key: 'db-password', mountRequirement: ENV }], ATTACKER, 'attacker'));
      expect(response.status?.message).to.include('namespace_mapping.template "{{ project }}" names no {{ domain }}, so a pod\'s domain label cannot be bound to its namespace');
      expect(kube.requests).to.deep.equal([]);
    });
  });

  describe("when the request's namespace and the pod's metadata.namespace differ", () => {
    it('should deny, the request winning nothing', async () => {
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const { response } = await admit(handler, taskPod([{ key: 'db-password', mountRequirement: ENV }], SHOP, 'shop-prod'), { namespace: 'attacker-dev' });
      expect(response.status?.message).to.include(`the pod's metadata.namespace "shop-prod" is not the namespace "attacker-dev" it is created in`);
      expect(kube.requests).to.deep.equal([]);
    });
  });

  describe('when the request names no namespace', () => {
    it("should bind to the pod's metadata.namespace", async () => {
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const review = reviewFor(taskPod([{ key: 'db-password', mountRequirement: ENV }], ATTACKER, 'attacker-dev'));
      delete (review['request'] as Record<string, unknown>)['namespace'];
      const { review: answer } = await handler.handle(review);
      expect(answer.response.allowed).to.equal(true);
      const forged = reviewFor(taskPod([{ key: 'db-password', mountRequirement: ENV }], SHOP, 'attacker-dev'));
      delete (forged['request'] as Record<string, unknown>)['namespace'];
      expect((await handler.handle(forged)).review.response.allowed).to.equal(false);
    });
  });

  describe('when a caller of the port forges request.namespace in secretRef mode', () => {
    it("should write only a Secret that holds the forged namespace's own scope's value", async () => {
      const { handler } = embeddedPodsecrets(kube);
      const pod = taskPod([{ key: 'db-password', mountRequirement: ENV }], ATTACKER);
      delete pod.metadata?.namespace;
      // The attacker's labels with the victim's namespace: denied, nothing written anywhere.
      const denied = await admit(handler, pod, { namespace: 'shop-prod' });
      expect(denied.response.allowed).to.equal(false);
      expect(kube.writes()).to.deep.equal([]);
      // The victim's labels with the victim's namespace: the Secret holds shop-prod's own value, in shop-prod.
      const victim = taskPod([{ key: 'db-password', mountRequirement: ENV }], SHOP);
      delete victim.metadata?.namespace;
      const placed = await admit(handler, victim, { namespace: 'shop-prod' });
      expect(placed.response.allowed).to.equal(true);
      expect(kube.writes()).to.deep.equal(['POST /api/v1/namespaces/shop-prod/secrets']);
      const written = kube.get('secrets', podSecretName(shopId('db-password')), 'shop-prod');
      expect(Buffer.from(String(written?.['data']?.['value']), 'base64').toString()).to.equal('shop-prod-password');
    });
  });

  describe('when a forged namespace would make a scope part hold __', () => {
    it('should deny before any backend call, so no two scopes share an id', async () => {
      storeFlyteSecret(kube, `u__org__acme__domain__dev__project__a__key__b__key__db-password`, 'collision');
      const { handler } = embeddedPodsecrets(kube, PLAIN);
      const { response } = await admit(handler, taskPod([{ key: 'db-password', mountRequirement: ENV }], { organization: 'acme', project: 'a__key__b', domain: 'dev' }, 'a__key__b-dev'));
      expect(response.status?.message).to.include(`the pod's project "a__key__b" cannot scope a secret id: it must have no '__' and no '_' at either end`);
      expect(kube.requests).to.deep.equal([]);
    });
  });
});

describe('renderNamespace', () => {
  describe('when a label holds a placeholder', () => {
    it('should not expand it again, as flyteadmin does not', () => {
      expect(renderNamespace('{{ project }}-{{ domain }}', { org: 'o', project: '{{ domain }}', domain: 'd' })).to.equal('{{ domain }}-d');
    });
  });
});

describe('checkNamespaceTemplate', () => {
  describe("when a placeholder is not one of Flyte's three as Flyte spells them", () => {
    for (const template of ['{{project}}-{{ domain }}', '{{ project }}-{{ team }}', '', '{{ project }}-{{ domain }}}}']) {
      it(`should refuse ${JSON.stringify(template)}`, () => {
        expect(() => checkNamespaceTemplate(template)).to.throw('must be a namespace name with the placeholders {{ project }}, {{ domain }} and {{ org }}');
      });
    }
  });
});
