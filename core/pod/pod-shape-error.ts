/** The request object is not a pod podsecrets can edit; `field` is a JSON path such as `spec.containers[1].env`. */
export class PodShapeError extends Error {
  override readonly name = 'PodShapeError';

  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`pod field ${field}: ${problem}`);
  }
}
