// Case work as the API answers it: the case page (GET /api/v1/cases/{id},
// ETag = the case's version, every step answers with the whole page), the
// case list and the worklist. Shapes follow src/api/api_cases.c and
// src/api/api_caseplans.c.

export interface CaseListItem {
  id: number; status: string; version: number; opened_on: string; closed_on: string | null;
  decision_due: string | null; contract_due: string | null; review_due: string | null;
  person_id: number; given_names: string; family_name: string; department_id: number; worker_user_id: number | null;
}

export interface ServiceRef { service_id: number; code: string; name_lt: string; name_en: string; unit: string }

export interface PaymentLine { key: string; lt: string; en: string }
export interface PaymentService { service_id: number; rule: string; payment_cents: number; service_cost_cents: number; lines: PaymentLine[] }

export interface DecidedService extends ServiceRef {
  id: number; amount: number; amount_x100: number; period: string; visits_per_week: number | null;
  start_on: string; end_on: string | null; ended_on: string | null; price_cents: number;
}

export interface Decision {
  id: number; kind: string; number: string | null; decided_on: string; reason: string | null;
  payment_rule: string | null; payment_cents: number | null;
  payment_result: { payment_cents: number; services: PaymentService[] } | null;
  decided_by_name: string | null; services: DecidedService[];
}

export interface CasePage {
  id: number; status: string; version: number; opened_on: string; closed_on: string | null;
  decision_due: string | null; contract_due: string | null; plan_review_due: string | null; review_due: string | null;
  person: { id: number; given_names: string; family_name: string; birth_date: string | null };
  department: { id: number; name_lt: string; name_en: string };
  worker: { id: number; display_name: string } | null;
  applications: {
    id: number; received_on: string; channel: string; notes: string | null;
    applicant: { self: boolean; name: string | null; given_names: string | null; family_name: string | null; relation: string | null };
    services: ServiceRef[];
  }[];
  assessments: { id: number; assessor_name: string | null; assessed_on: string; dependency_level: string; findings: string }[];
  decisions: Decision[];
  contracts: { id: number; decision_id: number; number: string | null; signed_on: string; payment_cents: number | null }[];
  events: { id: number; kind: string; from_status: string | null; to_status: string; on_date: string; reason: string | null; by_name: string | null }[];
  waiting: { service_id: number; code?: string; name_lt?: string; name_en?: string; since: string; position: number }[];
  documents: { id: number; kind: string; filename: string; content_type: string; size_bytes: number; uploaded_at: string }[];
  allowed_steps: string[];
}

export interface WorklistItem {
  kind: string; title_key: string; due_on: string; overdue: boolean; days: number;
  case_id: number | null; task_id: number | null; task_title: string | null; person_id: number | null; person_name: string | null;
  services?: { code: string; name_lt: string; name_en: string }[];
}

export interface Task {
  id: number; case_id: number | null; plan_id: number | null; goal_id: number | null; title: string;
  assignee_user_id: number | null; assignee_name: string | null; due_on: string | null; done_on: string | null; version: number;
}

export interface Plan {
  id: number; case_id: number; drawn_on: string; review_on: string; version: number; current: boolean;
  goals: { id: number; ordinal: number; goal: string; achieved_on: string | null }[]; tasks: Task[];
}

export interface CaseNote { id: number; created_at: string; author: string | null; special_category: boolean; body: string }

export const CASE_STATUSES = ['applied', 'assessed', 'waiting', 'decided_assign', 'refused', 'active', 'suspended', 'terminated'] as const;
export const CHANNELS = ['in_person', 'post', 'email', 'spis', 'phone', 'referral'] as const;
export const DEPENDENCY = ['none', 'low', 'moderate', 'high', 'very_high'] as const;
export const DECISION_PERIODS = ['week', 'month', 'stay'] as const;
export const DOC_KINDS = ['application', 'assessment', 'decision', 'contract', 'income', 'other'] as const;
export const EVENT_KINDS = ['review', 'suspend', 'resume', 'terminate', 'reopen'] as const;
