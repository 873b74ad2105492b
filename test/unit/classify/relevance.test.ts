/**
 * Niche extraction in relevance.ts: the audience a pitch names (head-noun-first phrases, German
 * compounds, customer types, tools and rules that imply a niche) and the audience it assumes
 * ("as a <role> you know"), compared with the recipient's profile.
 */
import { describe, expect, it } from 'vitest';
import { classifyNote } from '../../../functions/audit/classify/index.ts';
import { relevance } from '../../../functions/audit/classify/relevance.ts';
import { fold } from '../../../functions/audit/classify/text.ts';

const rel = (note: string, profile: string) => relevance(note, fold(profile));

describe('niche extraction', () => {
  it('head-noun-first audiences (ES/PT/FR) are compared with the profile', () => {
    expect(rel('Creamos páginas web para tiendas de bicicletas', 'Profesora de primaria | Educación').nicheMismatch).toBeTruthy();
    expect(rel('Creamos páginas web para tiendas de bicicletas', 'Dueño, tienda de bicicletas | Retail').nicheFits).toBeTruthy();
    expect(rel('Software para escritórios de advocacia', 'Advogada trabalhista | Direito').nicheFits).toBeTruthy();
    expect(rel('Software para escritórios de advocacia', 'Enfermeira | Hospital').nicheMismatch).toBeTruthy();
    expect(rel('Nous accompagnons les cabinets d’avocats', 'Avocate | Juridique').nicheFits).toBeTruthy();
  });
  it('German compounds count for the niche of their head or modifier', () => {
    expect(rel('Wir digitalisieren Familienkanzleien', 'Softwareentwickler | IT').nicheMismatch).toBe('Familienkanzleien');
    expect(rel('Wir digitalisieren Familienkanzleien', 'Rechtsanwältin, Familienrecht | Anwaltskanzlei').nicheFits).toBeTruthy();
    expect(rel('Telefonassistent für Hausarztpraxen', 'Lkw-Fahrer | Transport').nicheMismatch).toBe('Hausarztpraxen');
    expect(rel('Unser Tool für Steuerkanzleien', 'Steuerberater | Buchhaltung').nicheFits).toBe('Steuerkanzleien');
  });
  it('customer types name the audience ("for restaurant owners")', () => {
    expect(rel('We build booking sites for restaurant owners', 'ICU nurse | Hospitals').nicheMismatch).toBeTruthy();
    expect(rel('We build booking sites for restaurant owners', 'Owner, trattoria | Restaurants').nicheFits).toBeTruthy();
  });
  it('tools and rules that imply a niche: POS, HIPAA; a generic offer (GDPR, logistics) is no niche', () => {
    expect(rel('Our cloud POS tracks tables and stock', 'Data engineer | IT Services').nicheMismatch).toBe('POS');
    expect(rel('Our cloud POS tracks tables and stock', 'Owner, café and bar | Restaurants').nicheFits).toBe('POS');
    expect(rel('HIPAA-ready patient texting for your front desk', 'Dentist | Dental practice').nicheFits).toBeTruthy();
    expect(rel('Our GDPR audit takes two days', 'Pastry chef | Restaurants').nicheMismatch).toBeUndefined();
    expect(rel('We are a reliable 3PL provider with warehouses in Poland', 'Procurement manager | Automotive').nicheMismatch).toBeUndefined();
  });
  it('"as a <generic role>" still states an audience, "your time" does not', () => {
    expect(rel('as a SaaS founder you know churn kills MRR', 'Pastor | Religious Institutions').assumedMismatch).toBeTruthy();
    expect(rel('not gonna waste your time: we do bookkeeping for $199/mo', 'Owner, yoga studio | Wellness').assumedMismatch).toBeUndefined();
  });
  it('a niche pitch with only a question as its ask is still checked against the profile', () => {
    const text = 'Hi Paul, corn growers in your county see +12 bu/acre with our seed treatment. Can I drop off a trial bag?';
    expect(classifyNote(text, { recipientProfile: 'Hotel general manager | Hospitality' }).category).toBe('swing_and_miss');
    expect(classifyNote(text, { recipientProfile: 'Corn and soybean farmer | Farming' }).category).toBe('sales_pitch');
  });
  it('childcare and cannabis niches; consumer offers (mortgage, solar for your home) are no niche', () => {
    expect(rel('onze app regelt ouderberichten voor kinderdagverblijven', 'Havenloods | Maritime').nicheMismatch).toBeTruthy();
    expect(rel('our seed-to-sale tracking keeps your dispensary METRC compliant', 'Youth pastor | Religious Institutions').nicheMismatch).toBeTruthy();
    expect(rel("I'm a mortgage broker and rates just dipped, happy to run the numbers", 'HR manager | Human Resources').nicheMismatch).toBeUndefined();
    expect(rel('solar + battery for your home, 0 down', 'Accountant | Accounting').nicheMismatch).toBeUndefined();
  });
  it('"as a hobby" is not an audience; "as a <role> you know" is', () => {
    expect(rel('i make my own hot sauce as a hobby', 'Aerospace engineer | Aviation').assumedMismatch).toBeUndefined();
    expect(rel('as a dentist you know how no-shows hurt', 'Teacher | Education').assumedMismatch).toBeTruthy();
  });
});
