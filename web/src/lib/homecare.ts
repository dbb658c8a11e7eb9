// Home-care planning as the API answers it (src/api/api_homecare.c,
// src/domain/homecare.c, src/domain/homecare_plan.c): a department's week
// of visits (GET /api/v1/home-visits), visit plans and their planned
// visits. Weeks are ISO weeks written YYYY-Www; times of day HH:MM.

export interface PersonRef { id: number; given_names: string; family_name: string }

export interface WeekVisit {
  date: string; case_id: number; pattern_id: number; decision_service_id: number; person: PersonRef;
  service_code: string; window_start: string; window_end: string; duration_min: number; skills: string[];
  preferred_staff_id: number | null; address: { line: string; city: string; lat: number | null; lon: number | null } | null; skipped: boolean;
}

export interface WorkerDay { date: string; start: string; end: string; break_from: string | null; break_to: string | null; break_min: number }

export interface WeekWorker {
  staff_id: number; given_names: string; family_name: string; skills: string[]; mode: string;
  base: { lat: number; lon: number } | null; absent: { date_from: string; date_to: string; kind: string }[]; days: WorkerDay[];
}

export interface WeekProblem { kind: string; case_id: number; person: PersonRef; service_code: string; date?: string }

export interface HomeWeek {
  week: string; monday: string; sunday: string; department_id: number | null;
  visits: WeekVisit[]; workers: WeekWorker[]; problems: WeekProblem[];
  totals?: { visits: number; skipped: number; visit_minutes: number; worker_minutes: number };
}

export interface PlanVisit {
  id: number; visit_date: string; case_id: number; pattern_id: number; decision_service_id: number; person_id: number;
  given_names: string; family_name: string; staff_id: number | null; seq: number | null; start: string | null;
  window_start: string; window_end: string; duration_min: number; unplaced_reason: string | null;
  status: string; check_in_at: string | null; check_out_at: string | null; delivery_id: number | null; version: number;
}

export interface PlanStats {
  visits: number; placed: number; unplaced: Record<string, number>; travel_min: number; with_preference: number;
  to_preferred: number; overtime_min: number; solve_ms: number; travel_source: string; travel_note?: string | null;
}

export interface PlanListItem { id: number; week: string; monday: string; status: string; created_at: string; announced_at: string | null; version: number }

export interface VisitPlan extends PlanListItem {
  department_id: number; seed: number; time_limit_ms: number; solve_ms: number; stats: PlanStats; created_by: number;
  visits: PlanVisit[];
  replan?: { date?: string; announced: number; kept: number; placed: number; unplaced: number };
}

export const UNPLACED_REASONS = ['no_skill', 'window', 'capacity', 'search_limit', 'no_location', 'no_worker'] as const;
export const PLAN_MAX_SECONDS = 120;

const pad = (n: number) => String(n).padStart(2, '0');
const DAY = 864e5;

function utcDate(iso: string): Date {
  return new Date(iso + 'T00:00:00Z');
}

function isoOf(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** The ISO week (YYYY-Www) of a date written YYYY-MM-DD. */
export function isoWeekOf(date: string): string {
  const d = utcDate(date);
  const wd = (d.getUTCDay() + 6) % 7; // Monday 0
  const thu = new Date(d.getTime() + (3 - wd) * DAY);
  const jan1 = Date.UTC(thu.getUTCFullYear(), 0, 1);
  const n = 1 + Math.floor((thu.getTime() - jan1) / DAY / 7);
  return `${thu.getUTCFullYear()}-W${pad(n)}`;
}

/** The Monday (YYYY-MM-DD) of an ISO week, or null if the text is not a week. */
export function weekMonday(week: string): string | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(week.trim());
  if (!m) return null;
  const y = Number(m[1]), w = Number(m[2]);
  if (w < 1 || w > 53) return null;
  const jan4 = Date.UTC(y, 0, 4);
  const wd = (new Date(jan4).getUTCDay() + 6) % 7;
  const monday = new Date(jan4 - wd * DAY + (w - 1) * 7 * DAY);
  const s = isoOf(monday);
  return isoWeekOf(s) === `${m[1]}-W${m[2]}` ? s : null;
}

/** The seven dates of an ISO week, Monday first (empty if not a week). */
export function weekDates(week: string): string[] {
  const mon = weekMonday(week);
  if (!mon) return [];
  const t0 = utcDate(mon).getTime();
  return [0, 1, 2, 3, 4, 5, 6].map((i) => isoOf(new Date(t0 + i * DAY)));
}

/** The week n weeks after (or before) the given one. */
export function addWeeks(week: string, n: number): string {
  const mon = weekMonday(week);
  if (!mon) return week;
  return isoWeekOf(isoOf(new Date(utcDate(mon).getTime() + n * 7 * DAY)));
}

/** Weekday of a date, 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return ((utcDate(date).getUTCDay() + 6) % 7) + 1;
}

/** HH:MM plus minutes (the end of a visit). */
export function addMinutes(hhmm: string, min: number): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  const t = Number(m[1]) * 60 + Number(m[2]) + min;
  return `${pad(Math.floor(t / 60))}:${pad(t % 60)}`;
}

/** Minutes as "2 h 05 min" style numbers: [hours, minutes]. */
export function hoursMinutes(min: number): [number, number] {
  return [Math.floor(min / 60), min % 60];
}
