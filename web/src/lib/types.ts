// Shapes of the registry API's JSON (src/api/api_persons.c, db/store_person.c).

export interface PersonSummary {
  id: number;
  given_names: string;
  family_name: string;
  birth_date: string | null;
  sex: 'M' | 'F' | null;
  identified: boolean;
  score?: number;
}

export interface Address {
  id: number;
  kind: string;
  line: string;
  city: string;
  municipality: string | null;
  postal_code: string | null;
  lat?: number | null;
  lon?: number | null;
  valid_from: string | null;
  valid_to: string | null;
}

export interface GroupRow {
  id: number;
  code: string;
  name_lt: string;
  name_en: string;
  date_from: string | null;
  date_to: string | null;
}

export interface RelationRow {
  id: number;
  kind: string;
  person_id: number;
  given_names: string;
  family_name: string;
  birth_date: string | null;
}

export interface RepresentativeRow {
  id: number;
  kind: string;
  person_id: number;
  given_names: string;
  family_name: string;
  document: string | null;
  date_from: string | null;
  date_to: string | null;
}

export interface HouseholdRow {
  id: number;
  name: string;
  role: string;
}

export interface DepartmentRow {
  id: number;
  code: string;
  name_lt: string;
  name_en: string;
  since: string | null;
}

export interface Person {
  id: number;
  personal_code?: string | null;
  other_id_type?: string | null;
  other_id_number?: string | null;
  identified: boolean;
  given_names: string;
  family_name: string;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  phone?: string | null;
  email?: string | null;
  merged_into: number | null;
  created_at?: string;
  updated_at?: string;
  version: number;
  addresses?: Address[];
  groups?: GroupRow[];
  relations?: RelationRow[];
  representatives?: RepresentativeRow[];
  households?: HouseholdRow[];
  departments?: DepartmentRow[];
  /** Present when the person was shared with the reader's institution. */
  shared_parts?: string[];
}

/** The editable identity fields, as the form holds them (strings). */
export interface PersonFormValues {
  personal_code: string;
  not_identified: boolean;
  other_id_type: string;
  other_id_number: string;
  given_names: string;
  family_name: string;
  sex: string;
  birth_date: string;
  phone: string;
  email: string;
}

export const FORM_FIELDS: (keyof PersonFormValues)[] = [
  'not_identified', 'personal_code', 'other_id_type', 'other_id_number', 'given_names',
  'family_name', 'sex', 'birth_date', 'phone', 'email',
];

export function personToForm(p: Person): PersonFormValues {
  return {
    personal_code: p.personal_code || '',
    not_identified: !p.identified,
    other_id_type: p.other_id_type || '',
    other_id_number: p.other_id_number || '',
    given_names: p.given_names || '',
    family_name: p.family_name || '',
    sex: p.sex || '',
    birth_date: p.birth_date || '',
    phone: p.phone || '',
    email: p.email || '',
  };
}

export function emptyForm(): PersonFormValues {
  return {
    personal_code: '', not_identified: false, other_id_type: '', other_id_number: '',
    given_names: '', family_name: '', sex: '', birth_date: '', phone: '', email: '',
  };
}

/** The request body for the changed fields (all non-empty ones when base is null). */
export function formToBody(v: PersonFormValues, base: PersonFormValues | null): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const str = (k: keyof PersonFormValues) => {
    const val = (v[k] as string).trim();
    if (base ? val !== (base[k] as string).trim() : val !== '') body[k] = val === '' ? null : val;
  };
  if (!base ? v.not_identified : v.not_identified !== base.not_identified) body.identified = !v.not_identified;
  str('personal_code');
  if (base ? v.other_id_type.trim() !== base.other_id_type.trim() || v.other_id_number.trim() !== base.other_id_number.trim()
    : v.other_id_type.trim() || v.other_id_number.trim()) {
    body.other_id_type = v.other_id_type.trim() || null;
    body.other_id_number = v.other_id_number.trim() || null;
  }
  str('given_names');
  str('family_name');
  str('sex');
  str('birth_date');
  str('phone');
  str('email');
  return body;
}

export function fullName(p: { given_names: string; family_name: string }): string {
  return `${p.given_names} ${p.family_name}`.trim();
}

// Person parts that load separately from the card (api_parts.c).

export interface NoteRow {
  id: number;
  created_at: string;
  author_id: number;
  author: string;
  special_category: boolean;
  body: string;
}

export interface ShareRow {
  id: number;
  person_id: number;
  institution_id: number;
  institution_name: string;
  parts: string;
  legal_basis: string;
  purpose: string;
  valid_until: string;
  created_at: string;
  revoked_at: string | null;
  active: boolean;
}

export interface HistoryRow {
  id: number;
  version: number;
  changed_at: string;
  changed_by: number | null;
  changed_by_name: string | null;
  action: string;
  data: Record<string, unknown>;
}

export interface RecipientGroup {
  code: string;
  name_lt: string;
  name_en: string;
  position: number;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
}

export const SHARE_PARTS = ['identity', 'code', 'contacts', 'groups', 'family', 'cases', 'notes'] as const;
export const LEGAL_BASES = ['consent', 'art6_1c', 'art6_1e', 'art9_2b', 'court_order', 'other'] as const;
export const ADDRESS_KINDS = ['residence', 'declared', 'postal', 'temporary'] as const;
export const REPRESENTATIVE_KINDS = ['parent', 'guardian', 'curator', 'authorised', 'other'] as const;
export const RELATION_KINDS = ['parent', 'child', 'spouse', 'partner', 'sibling', 'guardian', 'ward', 'grandparent', 'grandchild', 'other'] as const;
