import { resolve } from 'node:path';
import { parseGoDuration } from './go-duration.js';
import { MAPPING_FORMAT } from './mapping-setting.js';

/**
 * One key of a settings section: the convict leaf that validates the operator's value (`doc`, `format`,
 * `default`) and `convert`, which turns the validated value into what the settings object holds
 * (a duration in milliseconds, a resolved path). The type `T` of the settings object's property is
 * `convert`'s return type, so the schema and the type cannot drift. Build leaves with {@link setting}.
 */
export interface Setting<T> {
  readonly doc: string;
  /** A convict format: a type (String, Boolean, Object), a list of values, a format name, or a validator that throws. */
  readonly format: unknown;
  readonly default: unknown;
  readonly nullable?: boolean;
  /** The value the settings object holds; `key` (e.g. `certificates.caValidity`) names the setting in an error. */
  readonly convert: (value: unknown, key: string) => T;
  /** For a {@link MAPPING_FORMAT} leaf: throws an Error saying what is wrong with the merged mapping. */
  readonly check?: (value: Record<string, unknown>) => void;
}

/** Whether a node of a settings schema is a setting rather than a group of settings. */
export function isSetting(node: unknown): node is Setting<unknown> {
  return typeof node === 'object' && node !== null && 'default' in node && typeof (node as { convert?: unknown }).convert === 'function';
}

// The validated value, as convict checked it against the leaf's own format: the conversion below is typed by that format.
const as =
  <T>() =>
  (value: unknown): T =>
    value as T;

/** A convict validator: throws an Error saying what would be accepted. */
export type SettingValidator = (value: unknown) => void;

/** A format for a text setting: any text, a validator, or the name of a format the loader registers (config/config-formats.ts). */
export type TextFormat = SettingValidator | string;

/**
 * The leaf builders of a settings schema. Each takes the key's doc and default (as written in YAML)
 * and gives a {@link Setting} whose converted type follows from the builder.
 */
export const setting = {
  /** Text; `format` narrows what is accepted. */
  string: (doc: string, defaultValue: string, format: TextFormat = String): Setting<string> => ({ doc, format, default: defaultValue, convert: as<string>() }),
  /** A list of texts; `format` checks the whole list. */
  strings: (doc: string, defaultValue: readonly string[], format: SettingValidator | string = Array): Setting<readonly string[]> => ({
    doc,
    format,
    default: defaultValue,
    convert: (value) => Object.freeze([...as<readonly string[]>()(value)]),
  }),
  boolean: (doc: string, defaultValue: boolean): Setting<boolean> => ({ doc, format: Boolean, default: defaultValue, convert: as<boolean>() }),
  /** Any number. */
  number: (doc: string, defaultValue: number): Setting<number> => ({ doc, format: Number, default: defaultValue, convert: as<number>() }),
  /** A whole number, 0 or more. */
  count: (doc: string, defaultValue: number): Setting<number> => ({ doc, format: 'nat', default: defaultValue, convert: as<number>() }),
  /** A whole number, 1 or more (a limit of 0 would refuse everything). */
  positiveCount: (doc: string, defaultValue: number): Setting<number> => ({ doc, format: 'positive-count', default: defaultValue, convert: as<number>() }),
  /** A TCP port, 0 to 65535. */
  port: (doc: string, defaultValue: number): Setting<number> => ({ doc, format: 'port', default: defaultValue, convert: as<number>() }),
  /** One of `values`. */
  oneOf: <const V extends string>(doc: string, values: readonly V[], defaultValue: NoInfer<V>): Setting<V> => ({ doc, format: values, default: defaultValue, convert: as<V>() }),
  /** A duration as Flyte's decoder takes one (`30s`, `1h30m`, `0`, a number of nanoseconds), not negative, held in milliseconds. */
  duration: (doc: string, defaultValue: string): Setting<number> => ({ doc, format: 'go-duration', default: defaultValue, convert: parseGoDuration }),
  /** A duration where 0 or less means none (Flyte acts on it only above zero), held in milliseconds. */
  durationOrNone: (doc: string, defaultValue: string): Setting<number> => ({ doc, format: 'go-duration-or-none', default: defaultValue, convert: parseGoDuration }),
  /** A period between two looks at something: a duration of at least 1s, held in milliseconds. */
  interval: (doc: string, defaultValue: string): Setting<number> => ({ doc, format: 'go-interval', default: defaultValue, convert: parseGoDuration }),
  /** A file of the webhook's own file system, held resolved against the working directory; empty stays empty (none). */
  file: (doc: string, defaultValue: string): Setting<string> => ({ doc, format: String, default: defaultValue, convert: (value) => (value === '' ? '' : resolve(String(value))) }),
  /**
   * A mapping whose keys are its own (resources by name, annotations by key): the file's mapping is laid
   * over `defaultValue`, then `check` throws an Error saying what is wrong (see {@link MAPPING_FORMAT}).
   * `convert` turns the checked mapping into `T` (by default, the mapping as it is).
   */
  mapping: <T>(doc: string, defaultValue: T, check?: (value: Record<string, unknown>) => void, convert: (value: Record<string, unknown>) => T = as<T>()): Setting<T> => ({
    doc,
    format: MAPPING_FORMAT,
    default: defaultValue,
    ...(check !== undefined ? { check } : {}),
    convert: (value) => convert(value as Record<string, unknown>),
  }),
  /** Anything else: a convict `format` of your own and the conversion of the value it accepted. */
  custom: <T>(leaf: { doc: string; format: unknown; default: unknown; nullable?: boolean; convert: (value: unknown, key: string) => T }): Setting<T> => leaf,
};
