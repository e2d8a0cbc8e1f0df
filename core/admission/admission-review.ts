/** The AdmissionReview versions the API server may send; the response uses the request's. */
export const ADMISSION_API_VERSIONS = ['admission.k8s.io/v1', 'admission.k8s.io/v1beta1'] as const;
export type AdmissionApiVersion = (typeof ADMISSION_API_VERSIONS)[number];

export interface GroupVersionKind {
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
}

export interface AdmissionRequest {
  readonly uid: string;
  readonly kind?: GroupVersionKind;
  readonly namespace?: string;
  readonly operation?: string;
  readonly dryRun?: boolean;
  /** The pod; null for DELETE and CONNECT. */
  readonly object: unknown;
  readonly [field: string]: unknown;
}

/** metav1.Status, as the API server shows it to the user on a denial. */
export interface AdmissionStatus {
  readonly status: 'Failure';
  readonly code: number;
  readonly reason: string;
  readonly message: string;
}

export interface AdmissionResponse {
  readonly uid: string;
  readonly allowed: boolean;
  readonly patchType?: 'JSONPatch';
  /** base64 of the JSON Patch (RFC 6902). */
  readonly patch?: string;
  readonly status?: AdmissionStatus;
  readonly warnings?: readonly string[];
  readonly auditAnnotations?: Readonly<Record<string, string>>;
}

export interface AdmissionReviewRequest {
  readonly apiVersion: AdmissionApiVersion;
  readonly kind: 'AdmissionReview';
  readonly request: AdmissionRequest;
}

export interface AdmissionReviewResponse {
  readonly apiVersion: AdmissionApiVersion;
  readonly kind: 'AdmissionReview';
  readonly response: AdmissionResponse;
}
