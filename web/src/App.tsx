import { lazy, useEffect, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider, theme as antTheme } from 'antd';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/locale/zh_CN.js';
import enUSModule from 'antd/locale/en_US.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { createBrowserRouter, Navigate, RouterProvider, useLocation } from 'react-router-dom';
import { setApiHandlers } from './api.js';
import { I18nProvider, useI18n } from './i18n.js';
import { holds, SessionProvider, useMe, useSession } from './session.js';
import { AppLayout } from './components/AppLayout.js';
import { ForbiddenPage, NotFoundPage, PageSpin } from './components/Problem.js';
import { DISTRICT_WIDE, type Capability, type Scope } from '../../src/core/auth/policy.js';
import LoginPage from './pages/Login.js';

// antd's locale files are CommonJS; take the default export whichever way the bundler hands it over.
const unwrap = (m: unknown) => ((m as { default?: Locale }).default ?? m) as Locale;
const zhCN = unwrap(zhCNModule);
const enUS = unwrap(enUSModule);

const OverviewPage = lazy(() => import('./pages/Overview.js'));
const SchoolsPage = lazy(() => import('./pages/Schools.js'));
const SchoolPage = lazy(() => import('./pages/School.js'));
const StatsEditPage = lazy(() => import('./pages/StatsEdit.js'));
const UploadPage = lazy(() => import('./pages/Upload.js'));
const ReviewPage = lazy(() => import('./pages/Review.js'));
const AuditPage = lazy(() => import('./pages/Audit.js'));
const UsersPage = lazy(() => import('./pages/Users.js'));
const BalancePage = lazy(() => import('./pages/Balance.js'));
const StandardsPage = lazy(() => import('./pages/Standards.js'));
const ExamListPage = lazy(() => import('./pages/exams/ExamList.js'));
const ExamReportPage = lazy(() => import('./pages/exams/ExamReport.js'));
const ExamSchoolPage = lazy(() => import('./pages/exams/SchoolReport.js'));
const ExamStudentPage = lazy(() => import('./pages/exams/StudentCard.js'));
const GrowthPage = lazy(() => import('./pages/growth/GrowthPage.js'));
const ForecastPage = lazy(() => import('./pages/planning/ForecastPage.js'));
const RosterPage = lazy(() => import('./pages/teachers/RosterPage.js'));
const TrainingPage = lazy(() => import('./pages/teachers/TrainingPage.js'));
const MovesPage = lazy(() => import('./pages/teachers/MovesPage.js'));
const StructurePage = lazy(() => import('./pages/teachers/StructurePage.js'));
const ExchangePage = lazy(() => import('./pages/planning/ExchangePage.js'));
const PairingPage = lazy(() => import('./pages/planning/PairingPage.js'));
const LayoutMapPage = lazy(() => import('./pages/planning/LayoutMapPage.js'));
const DrawListPage = lazy(() => import('./pages/admissions/DrawList.js'));
const DrawPage = lazy(() => import('./pages/admissions/DrawPage.js'));
const VerifyPage = lazy(() => import('./pages/admissions/VerifyPage.js'));
const FitnessPage = lazy(() => import('./pages/wellbeing/FitnessPage.js'));
const VisionPage = lazy(() => import('./pages/wellbeing/VisionPage.js'));
const BurdenPage = lazy(() => import('./pages/wellbeing/BurdenPage.js'));
const WellbeingSettingsPage = lazy(() => import('./pages/wellbeing/SettingsPage.js'));
const SurveyListPage = lazy(() => import('./pages/wellbeing/surveys/SurveyList.js'));
const SurveyPage = lazy(() => import('./pages/wellbeing/surveys/SurveyPage.js'));
const SurveyAnswerPage = lazy(() => import('./pages/wellbeing/surveys/AnswerPage.js'));

export const FONT_FAMILY =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Helvetica Neue', Helvetica, Arial, sans-serif";

function RequireAuth({ children }: { children: ReactNode }) {
  const { me, checking } = useSession();
  const loc = useLocation();
  if (checking) return <PageSpin />;
  if (!me) return <Navigate to="/login" replace state={{ from: loc.pathname + loc.search }} />;
  return <>{children}</>;
}

/** A page for users holding a capability (in one of the given scopes); the server checks every request again. */
function Allow({ cap, scopes, children }: { cap: Capability; scopes?: readonly Scope[]; children: ReactNode }) {
  return holds(useMe(), cap, scopes) ? <>{children}</> : <ForbiddenPage />;
}

/** A clerk's home is the own school; everyone else's the district overview. */
function Home() {
  const me = useMe();
  if (me.capabilities['schools.read'] === 'own') return me.schoolCode ? <Navigate to={`/schools/${me.schoolCode}`} replace /> : <ForbiddenPage />;
  return <OverviewPage />;
}

const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  // Public: anyone verifies a published draw, signed in or not.
  { path: '/verify', element: <VerifyPage /> },
  // Public: a respondent answers a survey with a one-time access code, no sign-in (a phone is enough).
  { path: '/survey', element: <SurveyAnswerPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Home /> },
      {
        path: 'schools',
        element: (
          <Allow cap="schools.read" scopes={DISTRICT_WIDE}>
            <SchoolsPage />
          </Allow>
        ),
      },
      { path: 'schools/:code', element: <SchoolPage /> },
      {
        path: 'schools/:code/stats/:year/edit',
        element: (
          <Allow cap="stats.edit">
            <StatsEditPage />
          </Allow>
        ),
      },
      {
        path: 'upload',
        element: (
          <Allow cap="stats.edit">
            <UploadPage />
          </Allow>
        ),
      },
      {
        path: 'balance',
        element: (
          <Allow cap="balance.read">
            <BalancePage />
          </Allow>
        ),
      },
      {
        path: 'balance/standards',
        element: (
          <Allow cap="balance.read">
            <StandardsPage />
          </Allow>
        ),
      },
      {
        path: 'exams',
        element: (
          <Allow cap="exams.read">
            <ExamListPage />
          </Allow>
        ),
      },
      { path: 'exams/:id', element: <ExamReportPage /> },
      { path: 'exams/:id/schools/:code', element: <ExamSchoolPage /> },
      {
        path: 'exams/:id/students/:sid',
        element: (
          <Allow cap="students.read">
            <ExamStudentPage />
          </Allow>
        ),
      },
      {
        path: 'growth',
        element: (
          <Allow cap="growth.read">
            <GrowthPage />
          </Allow>
        ),
      },
      {
        path: 'admissions',
        element: (
          <Allow cap="admissions.read">
            <DrawListPage />
          </Allow>
        ),
      },
      {
        path: 'admissions/:code',
        element: (
          <Allow cap="admissions.read">
            <DrawPage />
          </Allow>
        ),
      },
      {
        path: 'wellbeing',
        element: (
          <Allow cap="wellbeing.read">
            <FitnessPage />
          </Allow>
        ),
      },
      {
        path: 'wellbeing/vision',
        element: (
          <Allow cap="wellbeing.read">
            <VisionPage />
          </Allow>
        ),
      },
      {
        path: 'wellbeing/burden',
        element: (
          <Allow cap="wellbeing.read">
            <BurdenPage />
          </Allow>
        ),
      },
      {
        path: 'wellbeing/settings',
        element: (
          <Allow cap="wellbeing.manage">
            <WellbeingSettingsPage />
          </Allow>
        ),
      },
      {
        path: 'teachers',
        element: (
          <Allow cap="teachers.read">
            <StructurePage />
          </Allow>
        ),
      },
      {
        path: 'teachers/roster',
        element: (
          <Allow cap="teachers.roster">
            <RosterPage />
          </Allow>
        ),
      },
      {
        path: 'teachers/training',
        element: (
          <Allow cap="teachers.read">
            <TrainingPage />
          </Allow>
        ),
      },
      {
        path: 'teachers/moves',
        element: (
          <Allow cap="teachers.read">
            <MovesPage />
          </Allow>
        ),
      },
      {
        path: 'planning',
        element: (
          <Allow cap="planning.read">
            <ForecastPage />
          </Allow>
        ),
      },
      {
        path: 'planning/exchange',
        element: (
          <Allow cap="planning.exchange">
            <ExchangePage />
          </Allow>
        ),
      },
      {
        path: 'planning/pairing',
        element: (
          <Allow cap="planning.read">
            <PairingPage />
          </Allow>
        ),
      },
      {
        path: 'planning/map',
        element: (
          <Allow cap="planning.read">
            <LayoutMapPage />
          </Allow>
        ),
      },
      {
        path: 'surveys',
        element: (
          <Allow cap="surveys.read">
            <SurveyListPage />
          </Allow>
        ),
      },
      {
        path: 'surveys/:id',
        element: (
          <Allow cap="surveys.read">
            <SurveyPage />
          </Allow>
        ),
      },
      {
        path: 'review',
        element: (
          <Allow cap="stats.review">
            <ReviewPage />
          </Allow>
        ),
      },
      {
        path: 'audit',
        element: (
          <Allow cap="audit.read">
            <AuditPage />
          </Allow>
        ),
      },
      {
        path: 'users',
        element: (
          <Allow cap="users.manage">
            <UsersPage />
          </Allow>
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

/** Connects the API client to antd messages, the session and the router. */
function ApiBridge() {
  const { message } = AntApp.useApp();
  const { setMe } = useSession();
  const { lang } = useI18n();
  useEffect(() => {
    setApiHandlers({
      lang: () => lang,
      notifyError: (text) => void message.error({ content: text, key: text }),
      onUnauthorized: () => {
        setMe(null);
        const here = window.location.pathname + window.location.search;
        if (!window.location.pathname.startsWith('/login')) void router.navigate('/login', { replace: true, state: { from: here } });
      },
    });
  }, [message, setMe, lang]);
  return null;
}

function Themed() {
  const { lang } = useI18n();
  useEffect(() => {
    dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'en' ? enUS : zhCN}
      theme={{
        algorithm: antTheme.defaultAlgorithm,
        token: {
          colorPrimary: '#1d4ed8',
          colorInfo: '#1d4ed8',
          colorSuccess: '#16a34a',
          colorWarning: '#d97706',
          colorError: '#dc2626',
          borderRadius: 6,
          fontFamily: FONT_FAMILY,
          colorBgLayout: '#f3f5f9',
        },
        components: {
          Layout: { siderBg: '#0f1d3a', headerBg: '#ffffff', bodyBg: '#f3f5f9', headerPadding: '0 20px', headerHeight: 56, footerBg: 'transparent' },
          Menu: { darkItemBg: '#0f1d3a', darkSubMenuItemBg: '#0b162e', darkItemSelectedBg: '#1d4ed8', itemHeight: 44, itemMarginInline: 8 },
          Card: { headerFontSize: 15 },
          Table: { headerBg: '#f7f8fb', rowHoverBg: '#f1f5ff' },
          Statistic: { contentFontSize: 26 },
        },
      }}
    >
      <AntApp>
        <SessionProvider>
          <ApiBridge />
          <RouterProvider router={router} />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <Themed />
    </I18nProvider>
  );
}
