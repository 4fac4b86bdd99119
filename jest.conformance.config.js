/**
 * The official MedCom conformance suite (test/conformance): drives the real service through every
 * variant and validates every CareCommunication it delivers with ../shared/tools/fhir-validate
 * (HAPI FHIR's validator, offline). The validator's first run builds HAPI with Maven (minutes,
 * cached in ~/.m2 and ~/.cache/dnr-fhir-validate); a later run takes about a minute.
 */
const base = require('./jest.config');

module.exports = { ...base, testMatch: ['<rootDir>/test/conformance/**/*.conformance-spec.ts'], testTimeout: 1_200_000, maxWorkers: 1 };
