// The child-welfare screens, loaded on first use (a chunk of their own).
export { ChildWelfareHome, MeetingListPage, MeetingPage } from './Meetings';
export { OrderListPage, OrderPage, MeasurePage } from './Orders';
export { ReportsPage } from './Reports';
