// Child welfare as the API answers it (src/api/api_cw.c,
// src/api/api_cw_orders.c): meetings with participants, agenda questions
// and follow-ups; mayor's orders and their measures. A person the caller
// may not see comes as { hidden: true }; a question whose details are not
// shared has details_hidden and no description, proposal or decision.

export type Hideable<T> = (T & { hidden?: undefined }) | { hidden: true };
export interface ChildRef { id: number; given_names: string; family_name: string; birth_date: string | null }

export interface MeetingListItem {
  id: number; kind: string; meeting_date: string; place: string | null; topic: string | null;
  organiser_institution_id: number | null; questions: number; version: number;
}

export interface Participant { id: number; institution_id: number | null; member_id: number | null; name: string; present: boolean }

export interface Question {
  id: number; ordinal: number; subject: string; household_id: number | null; title: string; description?: string | null;
  raised_by_institution_id: number | null; raised_by_name: string | null; proposal?: string | null; decision?: string | null;
  version: number; child?: Hideable<ChildRef> | null; details_hidden: boolean;
}

export interface FollowUp {
  id: number; meeting_id: number; question_id: number | null; task: string; institution_id: number;
  due_date: string; done_on: string | null; version: number;
}

export interface Meeting {
  id: number; kind: string; meeting_date: string; place: string | null; topic: string | null;
  organiser_institution_id: number | null; minutes?: string | null; conclusions?: string | null; version: number;
  participants: Participant[]; questions: Question[]; follow_ups: FollowUp[];
}

export interface FollowUpDue {
  id: number; meeting_id: number; meeting_date: string; kind: string; question_id: number | null; task: string;
  institution_id: number; name?: string; institution_name?: string; due_date: string; version: number;
}

export interface MeasureListItem {
  id: number; order_id: number; number: string; type_code: string; date_from: string; date_to: string;
  status: string; evaluation: string | null; version: number; child: Hideable<ChildRef>;
}

export interface OrderListItem {
  id: number; number: string; order_date: string; kind: string; subject: string; child_id: number;
  special_educational_needs: boolean; question_id: number | null;
}

export interface Order {
  id: number; number: string; order_date: string; kind: string; subject: string; special_educational_needs: boolean;
  question_id: number | null; note: string | null; child: Hideable<ChildRef>;
  measures: { measure_id: number; action: string; date_from: string | null; date_to: string | null; type_code: string }[];
  representatives: Hideable<ChildRef>[];
}

export interface Measure {
  id: number; order_id: number; type_code: string; date_from: string; date_to: string; status: string;
  evaluation: string | null; evaluation_reasons: string | null; evaluated_on: string | null; version: number;
  child: Hideable<ChildRef>;
  executors: { id: number; name: string; partner_type: string | null }[];
  tasks: { id: number; task: string; institution_id: number | null; due_date: string | null; done_on?: string | null }[];
  progress_notes: { id: number; body: string; created_at: string; institution_id: number | null; author_id: number | null }[];
  orders: { order_id: number; number: string; order_date: string; action: string; date_from: string | null; date_to: string | null }[];
  executor: boolean;
}

export interface MeasureType { code: string; subject: string; name_lt: string; name_en: string; active: boolean }

export interface CommissionReport {
  year: number; summary_lt: string; summary_en: string; meetings: number; questions: number;
  orders: { kind: string; subject: string; n: number }[]; orders_total: number;
  measures_running: number; measures_ended: number;
  evaluations: { carried_out: number; partly: number; not_carried_out: number };
}

export interface StaffDevReport {
  year: number; norm_hours: string;
  workers: { staff_id: number; name: string; department_id: number; department: string; hours: string; hours_x100: number; short: boolean }[];
}

export const MEETING_KINDS = ['commission', 'interagency'] as const;
export const QUESTION_SUBJECTS = ['child', 'family', 'general'] as const;
export const ORDER_KINDS = ['assign', 'extend', 'change', 'cancel'] as const;
export const ORDER_SUBJECTS = ['minimal_care', 'coordinated_services', 'compulsory_education'] as const;
export const EVALUATIONS = ['carried_out', 'partly', 'not_carried_out'] as const;

/** A person's name, or the "not shared" text when the API hid it. */
export function childName(c: Hideable<ChildRef> | null | undefined, hidden: string): string {
  if (!c) return '';
  if (c.hidden) return hidden;
  return `${c.given_names} ${c.family_name}`;
}

/** Years offered in the year filters: this year and the four before. */
export function recentYears(now = new Date()): number[] {
  const y = now.getFullYear();
  return [y, y - 1, y - 2, y - 3, y - 4];
}
