// Only the fields podsecrets reads or writes are typed; every other field of the request object is
// carried through untouched (the index signatures), so nothing the code does not model is ever lost.

export type JsonObject = { [key: string]: unknown };

export interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: JsonObject;
  [field: string]: unknown;
}

export interface VolumeMount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
  [field: string]: unknown;
}

export interface Container {
  name: string;
  env?: EnvVar[];
  volumeMounts?: VolumeMount[];
  [field: string]: unknown;
}

export interface KeyToPath {
  key: string;
  path: string;
  mode?: number;
}

export interface SecretVolumeSource {
  secretName?: string;
  items?: KeyToPath[];
  optional?: boolean;
  defaultMode?: number;
  [field: string]: unknown;
}

export interface Volume {
  name: string;
  secret?: SecretVolumeSource;
  emptyDir?: JsonObject;
  [field: string]: unknown;
}

export interface LocalObjectReference {
  name: string;
  [field: string]: unknown;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [field: string]: unknown;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  volumes?: Volume[];
  imagePullSecrets?: LocalObjectReference[];
  [field: string]: unknown;
}

export interface Pod {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
  spec: PodSpec;
  [field: string]: unknown;
}
