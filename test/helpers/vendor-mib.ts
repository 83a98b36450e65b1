/** A tiny generated vendor MIB module (enterprise 99999, never a real one) for the user-MIB-folder tests. */

/** EXAMPLE-VENDOR-MIB: exampleTemperature (Integer32, UNITS "degrees Celsius") and exampleFanState (a TC enum). */
export const VENDOR_MIB = `EXAMPLE-VENDOR-MIB DEFINITIONS ::= BEGIN
IMPORTS
    MODULE-IDENTITY, OBJECT-TYPE, Integer32, enterprises FROM SNMPv2-SMI
    TEXTUAL-CONVENTION FROM SNMPv2-TC;

exampleVendor MODULE-IDENTITY
    LAST-UPDATED "202612040000Z"
    ORGANIZATION "Example"
    CONTACT-INFO "none"
    DESCRIPTION "A vendor module for tests."
    ::= { enterprises 99999 }

ExampleState ::= TEXTUAL-CONVENTION
    STATUS current
    DESCRIPTION "State."
    SYNTAX INTEGER { ok(1), failed(2) }

exampleObjects OBJECT IDENTIFIER ::= { exampleVendor 1 }

exampleTemperature OBJECT-TYPE
    SYNTAX Integer32 (-100..200)
    UNITS "degrees Celsius"
    MAX-ACCESS read-only
    STATUS current
    DESCRIPTION "Temperature."
    ::= { exampleObjects 1 }

exampleFanState OBJECT-TYPE
    SYNTAX ExampleState
    MAX-ACCESS read-only
    STATUS current
    DESCRIPTION "Fan."
    ::= { exampleObjects 2 }
END
`;

/** snmpd.conf lines that make the test agent answer EXAMPLE-VENDOR-MIB's two scalars (42 degrees, fan failed(2)). */
export const VENDOR_SNMPD_CONFIG = ['override .1.3.6.1.4.1.99999.1.1.0 integer 42', 'override .1.3.6.1.4.1.99999.1.2.0 integer 2'] as const;

/** A module whose line 4 opens an OID value it never closes. */
export const BROKEN_MIB = ['BROKEN-LINE-MIB DEFINITIONS ::= BEGIN', 'IMPORTS enterprises FROM SNMPv2-SMI;', 'brokenRoot OBJECT IDENTIFIER ::= { enterprises 99998 }', 'brokenChild OBJECT IDENTIFIER ::= { brokenRoot 1', 'brokenOther OBJECT IDENTIFIER ::= { brokenRoot 2 }', 'END', ''].join('\n');
