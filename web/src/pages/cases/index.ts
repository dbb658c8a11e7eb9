// The case-work screens, loaded on first use (a chunk of their own).
export { CasePageView, NewCasePage } from './CasePage';
export { DailyEntryPage, CaseDeliveriesPage, BillingPage, BillingMonthPage, WaitingListsPage, CaseListPage } from './Deliveries';
export { HomeVisitsPage, VisitPlanPage } from '../homecare/HomeVisits';
