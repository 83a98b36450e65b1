/** Secret: a string that prints as *** everywhere (JSON, util.inspect, template strings). Imports nothing. */

const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');
const REDACTED = '***';

/**
 * Holds a community string or SNMPv3 key. Only `reveal()` gives the value; every other way of
 * turning it into text gives `***` (as snmp_exporter's config.Secret does).
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  equals(other: Secret | undefined): boolean {
    return other !== undefined && other.#value === this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [inspectSymbol](): string {
    return REDACTED;
  }
}

export const REDACTED_TEXT = REDACTED;
