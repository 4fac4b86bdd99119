import { missingInDanish, missingOf, partyToComplete } from './missing';

const hjorring = { sector: 'hospital' as const, sor: '6001001000016004', ean: '5790000456789', name: 'Regionshospital Nordjylland, Hjørring' };
const solhaven = { sector: 'municipality' as const, sor: '953741000016009', ean: '5790001348120', name: 'Plejecenter Solhaven', phone: '72 36 00 00' };

describe('what an UNADDRESSED message lacks', () => {
  it("reads the service's own Danish, and nothing else", () => {
    expect(missingOf('kan ikke adresseres: mangler telefonnummer for Regionshospital Nordjylland, Hjørring')).toBe('telefonnummer for Regionshospital Nordjylland, Hjørring');
    expect(missingOf('ECONNREFUSED 127.0.0.1:9')).toBeNull();
    expect(missingOf(null)).toBeNull();
  });

  it('says where the gap is', () => {
    expect(missingInDanish('telefonnummer for Plejecenter Solhaven')).toBe('Stedregistret mangler telefonnummer for Plejecenter Solhaven.');
    expect(missingInDanish('modtageren er ikke oplyst (Patientens praktiserende læge (ikke oplyst ved udskrivelsen))'))
      .toBe('Modtageren er ikke oplyst (Patientens praktiserende læge (ikke oplyst ved udskrivelsen)).');
  });

  it('finds the party the directory must learn about', () => {
    expect(partyToComplete('telefonnummer for Regionshospital Nordjylland, Hjørring', [hjorring, solhaven])).toBe(hjorring);
    expect(partyToComplete('lokationsnummer (EAN) for Plejecenter Solhaven', [hjorring, solhaven])).toBe(solhaven);
    const hospital = { ...hjorring, name: 'Aalborg Universitetshospital' };
    const ward = { ...hjorring, sor: '1', name: 'Aalborg Universitetshospital, Medicinsk afdeling' };
    expect(partyToComplete('telefonnummer for Aalborg Universitetshospital, Medicinsk afdeling', [hospital, ward])).toBe(ward);
    const { ean: _none, ...withoutEan } = solhaven;
    expect(partyToComplete('lokationsnummer (EAN) for et andet navn', [hjorring, withoutEan])).toBe(withoutEan);
    expect(partyToComplete('modtageren er ikke oplyst (Patientens praktiserende læge)', [hjorring, { name: 'Patientens praktiserende læge' }])).toBeNull();
  });
});
