/** The `secretManagerType` of Embedded mode. */
export const EMBEDDED_INJECTOR_TYPE = 'Embedded';
