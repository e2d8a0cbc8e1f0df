import { commentedDocument, yamlStream } from './commented-document.js';
import type { ManifestFile } from './render-manifests.js';

export const KUSTOMIZATION_FILE = 'kustomization.yaml';

/**
 * A kustomization.yaml listing `files` as its resources, in the order they apply (the Namespace first,
 * the webhook registration last), so `kubectl apply -k DIR` installs what `manifests --out-dir DIR` wrote
 * and an overlay can patch it without editing the rendered files.
 */
export function kustomizationFile(files: readonly ManifestFile[], configFile: string): ManifestFile {
  const object = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: files.map((file) => file.name) };
  const header = `Rendered by \`podsecrets manifests --kustomize --config ${configFile}\`: \`kubectl apply -k\` on this directory installs podsecrets.`;
  const document = commentedDocument(object, [], header);
  return { name: KUSTOMIZATION_FILE, documents: [document], objects: [object], text: yamlStream([document]) };
}
