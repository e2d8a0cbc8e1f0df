// Kubernetes' resource.Quantity grammar (k8s.io/apimachinery/pkg/api/resource): a non-negative decimal
// number with an optional binary-SI, decimal-SI or exponent suffix. Signs are left out on purpose:
// a container's requests and limits cannot be negative.
const QUANTITY = /^\+?(\d+(?:\.\d*)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const MULTIPLIERS: Readonly<Record<string, number>> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/**
 * The amount a quantity stands for, as a number (precise enough to compare requests with limits), or
 * undefined when the API server would not accept `text` as a quantity, e.g. `1.5Gb` or `-1`.
 */
export function parseQuantity(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (match === null) return undefined;
  const [, digits = '', suffix = ''] = match;
  const exponent = /^[eE]/.test(suffix) ? Number(suffix.slice(1)) : undefined;
  const value = Number(digits) * (exponent !== undefined ? 10 ** exponent : (MULTIPLIERS[suffix] ?? Number.NaN));
  return Number.isFinite(value) ? value : undefined;
}
