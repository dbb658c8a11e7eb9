// The app shell: session boot, header with user and language, navigation
// by permission, and the routes.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './lib/api';
import { can, setState, useStore, type Session } from './lib/store';
import { navigate, usePath } from './lib/router';
import { onLangChange, t, type MessageKey } from './i18n';
import { Link } from './components/Link';
import { LangSwitch } from './components/LangSwitch';
import { ReloginDialog } from './components/ReloginDialog';
import { LoginPage } from './pages/Login';
import { HomePage } from './pages/Home';
import { PersonListPage } from './pages/PersonList';
import { PersonCardPage } from './pages/PersonCard';
import { RegisterPage, EditPage } from './pages/PersonForm';
import { MergePage } from './pages/Merge';
import { PasswordPage } from './pages/Password';
import { NotFoundPage } from './pages/NotFound';
import { DepartmentsPage, InstitutionPage, InstitutionsPage, StaffPage, TeamsPage, UsersPage } from './pages/admin/Admin';
import { AuditPage } from './pages/admin/Audit';
import { CataloguePage, ParamsPage } from './pages/admin/Catalogue';
import { casesScreen } from './components/Lazy';
import { cwScreen } from './pages/childwelfare/lazy';

const CasePageView = casesScreen('CasePageView');
const NewCasePage = casesScreen('NewCasePage');
const DailyEntryPage = casesScreen('DailyEntryPage');
const CaseDeliveriesPage = casesScreen('CaseDeliveriesPage');
const BillingPage = casesScreen('BillingPage');
const WaitingListsPage = casesScreen('WaitingListsPage');
const BillingMonthPage = casesScreen('BillingMonthPage');
const CaseListPage = casesScreen('CaseListPage');
// child welfare
const CwHome = cwScreen('ChildWelfareHome');
const CwMeetings = cwScreen('MeetingListPage');
const CwMeeting = cwScreen('MeetingPage');
const CwOrders = cwScreen('OrderListPage');
const CwOrder = cwScreen('OrderPage');
const CwMeasure = cwScreen('MeasurePage');
const CwReports = cwScreen('ReportsPage');
const HomeVisitsPage = casesScreen('HomeVisitsPage');
const VisitPlanPage = casesScreen('VisitPlanPage');

const NAV: { href: string; key: MessageKey; perm: string }[] = [
  { href: '/', key: 'nav.search', perm: 'person_read' },
  { href: '/persons', key: 'nav.persons', perm: 'person_read' },
  { href: '/persons/new', key: 'nav.register', perm: 'person_write' },
  { href: '/cases', key: 'nav.cases', perm: 'case_read' },
  { href: '/deliveries/day', key: 'nav.daily', perm: 'case_write' },
  { href: '/waiting-lists', key: 'nav.waiting', perm: 'case_read' },
  { href: '/home-visits', key: 'nav.home_visits', perm: 'case_read' },
  { href: '/billing', key: 'nav.billing', perm: 'billing_read' },
  { href: '/child-welfare', key: 'nav.childwelfare', perm: 'cw_read' },
  { href: '/admin/departments', key: 'nav.departments', perm: 'org_read' },
  { href: '/admin/staff', key: 'nav.staff', perm: 'org_read' },
  { href: '/admin/teams', key: 'nav.teams', perm: 'org_read' },
  { href: '/admin/institutions', key: 'nav.institutions', perm: 'org_read' },
  { href: '/admin/users', key: 'nav.users', perm: 'user_admin' },
  { href: '/admin/catalogue', key: 'nav.catalogue', perm: 'catalogue_write' },
  { href: '/admin/params', key: 'nav.params', perm: 'catalogue_write' },
  { href: '/audit', key: 'nav.audit', perm: 'audit_read' },
];

function roleLabel(role: string): string {
  const k = ('role.' + role) as MessageKey;
  const s = t(k);
  return s === k ? role : s;
}

function Header({ session, path }: { session: Session; path: string }) {
  async function logout() {
    try {
      await api('/api/v1/session', { method: 'DELETE', noReauth: true });
    } catch {
      /* already gone: log out locally anyway */
    }
    setState({ session: null, flash: null });
    navigate('/login', { replace: true });
  }
  const bare = path.split('?')[0];
  const current = (href: string) =>
    href === '/' ? bare === '/' : href === '/persons' ? bare === '/persons' : bare === href || bare.startsWith(href + '/');
  return (
    <header class="top">
      <div class="top-row">
        <Link href="/" class="brand">{t('app.name')}</Link>
        <div class="who">
          <span class="user-name">{session.display_name || session.username}</span>
          <span class="user-role">{roleLabel(session.role)}</span>
        </div>
        <div class="top-actions">
          <LangSwitch />
          <Link href="/password" class="top-link">{t('nav.password')}</Link>
          <button type="button" class="top-button" onClick={logout}>{t('nav.logout')}</button>
        </div>
      </div>
      <nav aria-label={t('nav.label')} class="nav">
        <ul>
          {NAV.filter((n) => session.permissions.includes(n.perm)).map((n) => (
            <li key={n.href}>
              <Link href={n.href} aria-current={current(n.href) ? 'page' : undefined}>{t(n.key)}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}

function FlashMessage() {
  const flash = useStore((s) => s.flash);
  if (!flash) return null;
  return (
    <div class={flash.kind === 'ok' ? 'flash ok' : 'flash error-box'} role="status">
      <span>{flash.text}</span>
      <button type="button" class="link-button" onClick={() => setState({ flash: null })}>{t('common.close')}</button>
    </div>
  );
}

function route(path: string) {
  const bare = path.split('?')[0].replace(/\/+$/, '') || '/';
  let m: RegExpExecArray | null;
  if (bare === '/') return <HomePage />;
  if (bare === '/persons') return can('person_read') ? <PersonListPage /> : <NotFoundPage />;
  if (bare === '/persons/new') return can('person_write') ? <RegisterPage /> : <NotFoundPage />;
  if ((m = /^\/persons\/(\d+)$/.exec(bare))) return <PersonCardPage key={m[1]} id={Number(m[1])} />;
  if ((m = /^\/persons\/(\d+)\/edit$/.exec(bare)) && can('person_write')) return <EditPage key={m[1]} id={Number(m[1])} />;
  if ((m = /^\/persons\/(\d+)\/merge$/.exec(bare)) && can('person_merge')) return <MergePage key={m[1]} id={Number(m[1])} />;
  if (bare === '/password') return <PasswordPage />;
  if (bare === '/admin/departments' && can('org_read')) return <DepartmentsPage />;
  if (bare === '/admin/staff' && can('org_read')) return <StaffPage />;
  if (bare === '/admin/teams' && can('org_read')) return <TeamsPage />;
  if (bare === '/admin/institutions' && can('org_read')) return <InstitutionsPage />;
  if ((m = /^\/admin\/institutions\/(\d+)$/.exec(bare)) && can('org_read')) return <InstitutionPage key={m[1]} id={Number(m[1])} />;
  if (bare === '/admin/users' && can('user_admin')) return <UsersPage />;
  if (bare === '/audit' && can('audit_read')) return <AuditPage />;
  if (bare === '/cases' && can('case_read')) return <CaseListPage />;
  if (bare === '/cases/new' && can('case_write')) return <NewCasePage />;
  if ((m = /^\/cases\/(\d+)$/.exec(bare)) && can('case_read')) return <CasePageView key={m[1]} id={Number(m[1])} />;
  if ((m = /^\/cases\/(\d+)\/deliveries$/.exec(bare)) && can('case_read')) return <CaseDeliveriesPage key={m[1]} id={Number(m[1])} />;
  if ((m = /^\/billing\/persons\/(\d+)$/.exec(bare)) && can('billing_read')) return <BillingPage key={m[1]} personId={Number(m[1])} />;
  if (bare === '/deliveries/day' && can('case_write')) return <DailyEntryPage />;
  if (bare === '/billing' && can('billing_read')) return <BillingMonthPage />;
  if (bare === '/waiting-lists' && can('case_read')) return <WaitingListsPage />;
  // child welfare
  if (bare === '/child-welfare' && can('cw_read')) return <CwHome />;
  if (bare === '/child-welfare/meetings' && can('cw_read')) return <CwMeetings />;
  if ((m = /^\/child-welfare\/meetings\/(\d+)$/.exec(bare)) && can('cw_read')) return <CwMeeting key={m[1]} id={Number(m[1])} />;
  if (bare === '/child-welfare/orders' && can('cw_read')) return <CwOrders />;
  if ((m = /^\/child-welfare\/orders\/(\d+)$/.exec(bare)) && can('cw_read')) return <CwOrder key={m[1]} id={Number(m[1])} />;
  if ((m = /^\/child-welfare\/measures\/(\d+)$/.exec(bare)) && can('cw_read')) return <CwMeasure key={m[1]} id={Number(m[1])} />;
  if (bare === '/child-welfare/reports' && can('report_read')) return <CwReports />;
  if (bare === '/home-visits' && can('case_read')) return <HomeVisitsPage />;
  if ((m = /^\/home-visits\/plans\/(\d+)$/.exec(bare)) && can('case_read')) return <VisitPlanPage key={m[1]} id={Number(m[1])} />;
  if (bare === '/admin/catalogue') return <CataloguePage />;
  if (bare === '/admin/params') return <ParamsPage />;
  return <NotFoundPage />;
}

export function App() {
  const session = useStore((s) => s.session);
  const booted = useStore((s) => s.booted);
  const reauth = useStore((s) => s.reauth);
  const path = usePath();
  const [, setTick] = useState(0);

  useEffect(() => onLangChange(() => setTick((n) => n + 1)), []);

  useEffect(() => {
    api<Session>('/api/v1/session', { noReauth: true })
      .then((r) => setState({ session: r.data, booted: true }))
      .catch((e) => {
        setState({ booted: true, session: null });
        if (!(e instanceof ApiError && e.status === 401)) setState({ flash: { kind: 'error', text: t('error.network') } });
      });
  }, []);

  useEffect(() => {
    if (booted && !session && !path.startsWith('/login')) {
      navigate('/login?next=' + encodeURIComponent(path), { replace: true });
    } else if (booted && session && path.startsWith('/login')) {
      navigate('/', { replace: true });
    }
  }, [booted, session, path]);

  if (!booted) return <p class="loading" role="status">{t('common.loading')}</p>;
  if (!session || path.startsWith('/login')) {
    const next = new URLSearchParams(location.search).get('next') || '/';
    return <LoginPage next={next.startsWith('/') && !next.startsWith('//') ? next : '/'} />;
  }
  return (
    <>
      <a href="#main" class="skip-link" onClick={(e) => {
        e.preventDefault();
        const m = document.getElementById('main');
        (m?.querySelector<HTMLElement>('h1') || m)?.focus();
      }}>{t('nav.skip')}</a>
      <div inert={reauth} class="shell">
      <Header session={session} path={path} />
      <main id="main" tabIndex={-1} class="main">
        <FlashMessage />
        {route(path)}
      </main>
      </div>
      {reauth && <ReloginDialog />}
    </>
  );
}

