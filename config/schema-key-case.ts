import { isJsonObject } from '../core/json/is-json-object.js';
import { ConfigError } from './config-error.js';
import { isSchemaLeaf } from './schema-leaf.js';

type SchemaNode = Readonly<Record<string, unknown>>;

/**
 * `document` with each key spelled as the schema spells it, matched without regard to case as Flyte's
 * loader (viper, then mapstructure) matches them: `SecretManagerType` and `WEBHOOK` are Flyte spellings.
 * Keys of a setting's own value (annotation keys, resource names) are kept as written, and a key the
 * schema does not know is left for the validation to refuse by name. Two spellings of one key in one
 * mapping are refused, naming both.
 */
export function matchSchemaKeyCase(document: Readonly<Record<string, unknown>>, schema: SchemaNode, where: string, path = ''): Record<string, unknown> {
  const byLowerCase = new Map(Object.keys(schema).map((key) => [key.toLowerCase(), key]));
  const matched: Record<string, unknown> = {};
  const spelledAs = new Map<string, string>();
  for (const [written, value] of Object.entries(document)) {
    const key = Object.hasOwn(schema, written) ? written : (byLowerCase.get(written.toLowerCase()) ?? written);
    const earlier = spelledAs.get(key);
    if (earlier !== undefined) {
      throw new ConfigError(`${where} is not valid:\n${path}${key}: given twice, as ${earlier} and ${written} (keys are matched without regard to case, as in Flyte); keep one`);
    }
    spelledAs.set(key, written);
    const node = schema[key];
    matched[key] = isJsonObject(node) && !isSchemaLeaf(node) && isJsonObject(value) ? matchSchemaKeyCase(value, node, where, `${path}${key}.`) : value;
  }
  return matched;
}
