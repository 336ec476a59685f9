import { Suspense, useMemo, useState } from 'react';
import { Avatar, Button, Dropdown, Flex, Grid, Layout, Menu, Segmented, Select, Tag, Tooltip, Typography } from 'antd';
import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  FundOutlined,
  HeartOutlined,
  ThunderboltOutlined,
  EyeOutlined,
  ClockCircleOutlined,
  SettingOutlined,
  SmileOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  HomeOutlined,
  KeyOutlined,
  LineChartOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  TeamOutlined,
  BarChartOutlined,
  ProfileOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  UnorderedListOutlined,
  UserOutlined,
  AimOutlined,
  EnvironmentOutlined,
  SwapOutlined,
  ApartmentOutlined,
  IdcardOutlined,
  SolutionOutlined,
  ReadOutlined,
  RetweetOutlined,
} from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { useI18n, type TKey } from '../i18n.js';
import { holds, useMe, useSession, useLabels, yearLabel } from '../session.js';
import { YearProvider, useYear } from '../year.js';
import type { Me } from '../types.js';
import { DISTRICT_WIDE } from '../../../src/core/auth/policy.js';
import { ChangePasswordModal } from './ChangePasswordModal.js';
import { PageSpin } from './Problem.js';
import { Logo } from './Logo.js';

const { Header, Sider, Content, Footer } = Layout;

interface NavItem {
  key: string;
  path: string;
  label: TKey;
  icon: React.ReactNode;
  /** A group in the side menu (e.g. 均衡评估 → 评估结果, 评估标准). */
  children?: NavItem[];
}

export function navItems(me: Me): NavItem[] {
  const all: (NavItem & { visible: boolean })[] = [
    { key: 'overview', path: '/', label: 'nav.overview', icon: <DashboardOutlined />, visible: holds(me, 'schools.read', DISTRICT_WIDE) },
    { key: 'schools', path: '/schools', label: 'nav.schools', icon: <UnorderedListOutlined />, visible: holds(me, 'schools.read', DISTRICT_WIDE) },
    { key: 'mySchool', path: `/schools/${me.schoolCode ?? ''}`, label: 'nav.mySchool', icon: <HomeOutlined />, visible: !!me.schoolCode && holds(me, 'schools.read', ['own']) },
    {
      key: 'balanceGroup',
      path: '/balance',
      label: 'nav.balance',
      icon: <FundOutlined />,
      visible: holds(me, 'balance.read'),
      children: [
        { key: 'balance', path: '/balance', label: 'nav.balanceEval', icon: <BarChartOutlined /> },
        { key: 'standards', path: '/balance/standards', label: 'nav.standards', icon: <ProfileOutlined /> },
      ],
    },
    { key: 'exams', path: '/exams', label: 'nav.exams', icon: <LineChartOutlined />, visible: holds(me, 'exams.read') },
    { key: 'growth', path: '/growth', label: 'nav.growth', icon: <RiseOutlined />, visible: holds(me, 'growth.read') },
    { key: 'admissions', path: '/admissions', label: 'nav.admissions', icon: <SafetyCertificateOutlined />, visible: holds(me, 'admissions.read') },
    {
      key: 'wellbeingGroup',
      path: '/wellbeing',
      label: 'nav.wellbeing',
      icon: <HeartOutlined />,
      visible: holds(me, 'wellbeing.read'),
      children: [
        { key: 'fitness', path: '/wellbeing', label: 'nav.fitness', icon: <ThunderboltOutlined /> },
        { key: 'vision', path: '/wellbeing/vision', label: 'nav.vision', icon: <EyeOutlined /> },
        { key: 'burden', path: '/wellbeing/burden', label: 'nav.burden', icon: <ClockCircleOutlined /> },
        ...(holds(me, 'wellbeing.manage') ? [{ key: 'wellbeingSettings', path: '/wellbeing/settings', label: 'nav.wellbeingSettings' as const, icon: <SettingOutlined /> }] : []),
      ],
    },
    {
      key: 'teachersGroup',
      path: '/teachers',
      label: 'nav.teachersGroup',
      icon: <IdcardOutlined />,
      visible: holds(me, 'teachers.read'),
      children: [
        { key: 'teacherStructure', path: '/teachers', label: 'nav.teacherStructure', icon: <BarChartOutlined /> },
        ...(holds(me, 'teachers.roster') ? [{ key: 'roster', path: '/teachers/roster', label: 'nav.roster' as const, icon: <SolutionOutlined /> }] : []),
        { key: 'training', path: '/teachers/training', label: 'nav.training', icon: <ReadOutlined /> },
        { key: 'teacherMoves', path: '/teachers/moves', label: 'nav.teacherMoves', icon: <RetweetOutlined /> },
      ],
    },
    {
      key: 'planningGroup',
      path: '/planning',
      label: 'nav.planning',
      icon: <AimOutlined />,
      visible: holds(me, 'planning.read'),
      children: [
        { key: 'forecast', path: '/planning', label: 'nav.forecast', icon: <LineChartOutlined /> },
        ...(holds(me, 'planning.exchange') ? [{ key: 'exchange', path: '/planning/exchange', label: 'nav.exchange' as const, icon: <SwapOutlined /> }] : []),
        { key: 'pairing', path: '/planning/pairing', label: 'nav.pairing', icon: <ApartmentOutlined /> },
        { key: 'layoutMap', path: '/planning/map', label: 'nav.layoutMap', icon: <EnvironmentOutlined /> },
      ],
    },
    { key: 'surveys', path: '/surveys', label: 'nav.surveys', icon: <SmileOutlined />, visible: holds(me, 'surveys.read') },
    { key: 'upload', path: '/upload', label: 'nav.upload', icon: <CloudUploadOutlined />, visible: holds(me, 'stats.edit') },
    { key: 'review', path: '/review', label: 'nav.review', icon: <FileDoneOutlined />, visible: holds(me, 'stats.review') },
    { key: 'audit', path: '/audit', label: 'nav.audit', icon: <AuditOutlined />, visible: holds(me, 'audit.read') },
    { key: 'users', path: '/users', label: 'nav.users', icon: <TeamOutlined />, visible: holds(me, 'users.manage') },
  ];
  return all.filter((i) => i.visible).map(({ visible: _v, ...i }) => i);
}

/** Menu entries without groups (for navigation by key). */
const flatItems = (items: NavItem[]): NavItem[] => items.flatMap((i) => (i.children ? flatItems(i.children) : [i]));

function selectedKey(pathname: string, me: Me): string {
  if (pathname === '/' || pathname === '') return 'overview';
  if (pathname.startsWith('/schools')) return me.capabilities['schools.read'] === 'own' ? 'mySchool' : 'schools';
  if (pathname.startsWith('/balance/standards')) return 'standards';
  if (pathname === '/wellbeing') return 'fitness';
  if (pathname === '/teachers') return 'teacherStructure';
  if (pathname.startsWith('/teachers/')) return { roster: 'roster', training: 'training', moves: 'teacherMoves' }[pathname.split('/')[2]] ?? 'teacherStructure';
  if (pathname === '/planning') return 'forecast';
  if (pathname.startsWith('/planning/')) return { exchange: 'exchange', pairing: 'pairing', map: 'layoutMap' }[pathname.split('/')[2]] ?? 'forecast';
  if (pathname.startsWith('/wellbeing/')) return { vision: 'vision', burden: 'burden', settings: 'wellbeingSettings' }[pathname.split('/')[2]] ?? 'fitness';
  return pathname.split('/')[1] ?? '';
}

function Shell() {
  const me = useMe();
  const { logout } = useSession();
  const { t, lang, setLang } = useI18n();
  const L = useLabels();
  const { year, years, setYear, link } = useYear();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const [collapsed, setCollapsed] = useState<boolean>(() => localStorage.getItem('jh_sider') === '1');
  const [pwdOpen, setPwdOpen] = useState(false);
  const items = useMemo(() => navItems(me), [me]);
  const [mobileOpen, setMobileOpen] = useState(false);
  const narrow = screens.lg === false;
  const isCollapsed = narrow ? !mobileOpen : collapsed;

  const toggle = () => {
    if (narrow) return setMobileOpen(!mobileOpen);
    setCollapsed(!collapsed);
    localStorage.setItem('jh_sider', collapsed ? '0' : '1');
  };

  const signOut = async () => {
    await logout();
    void navigate('/login', { replace: true });
  };

  return (
    <Layout className="jh-shell">
      <Sider width={224} collapsedWidth={narrow ? 0 : 72} collapsed={isCollapsed} trigger={null} className="jh-sider">
        <div className="jh-brand" onClick={() => navigate(link(flatItems(items)[0]?.path ?? '/'))} role="link" tabIndex={0}>
          <Logo size={30} />
          {!isCollapsed && (
            <div className="jh-brand-text">
              <span className="jh-brand-zh">均衡</span>
              <span className="jh-brand-en">Junheng</span>
            </div>
          )}
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[selectedKey(location.pathname, me)]}
          defaultOpenKeys={items.filter((i) => i.children?.some((c) => c.key === selectedKey(location.pathname, me))).map((i) => i.key)}
          items={items.map((i) => ({
            key: i.key,
            icon: i.icon,
            label: t(i.label),
            ...(i.children ? { children: i.children.map((c) => ({ key: c.key, icon: c.icon, label: <span data-testid={`nav-${c.key}`}>{t(c.label)}</span> })) } : {}),
          }))}
          onClick={({ key }) => {
            const item = flatItems(items).find((i) => i.key === key);
            if (item) void navigate(link(item.path));
            if (narrow) setMobileOpen(false);
          }}
        />
      </Sider>
      <Layout>
        <Header className="jh-header">
          <Flex align="center" gap={12} style={{ minWidth: 0 }}>
            <Button type="text" aria-label="menu" icon={isCollapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />} onClick={toggle} />
            <BankOutlined style={{ color: 'var(--jh-primary)', fontSize: 18 }} />
            <Typography.Text strong className="jh-district" ellipsis>
              {me.districtName}
              {lang === 'zh' ? '教育局' : ' Education Bureau'}
            </Typography.Text>
          </Flex>
          <Flex align="center" gap={16}>
            <Tooltip title={t('header.year')} placement="bottom">
              <Select
                data-testid="year-select"
                value={year}
                onChange={(y) => setYear(y)}
                style={{ width: lang === 'en' ? 140 : 170 }}
                popupMatchSelectWidth={false}
                prefix={<CalendarOutlined />}
                options={years.map((y) => ({ value: y.year, label: yearLabel(y.year, lang), current: y.isCurrent }))}
                optionRender={(o) => (
                  <Flex justify="space-between" align="center" gap={8}>
                    <span>{o.label}</span>
                    {o.data.current && (
                      <Tag color="blue" variant="filled" style={{ marginInlineEnd: 0 }}>
                        {lang === 'zh' ? '当前' : 'current'}
                      </Tag>
                    )}
                  </Flex>
                )}
              />
            </Tooltip>
            <Segmented
              size="small"
              value={lang}
              onChange={(v) => setLang(v as 'zh' | 'en')}
              options={[
                { value: 'zh', label: '中文' },
                { value: 'en', label: 'EN' },
              ]}
              data-testid="lang-switch"
            />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  {
                    key: 'who',
                    label: (
                      <div className="jh-user-card">
                        <div>{me.displayName}</div>
                        <Typography.Text type="secondary">{me.username}</Typography.Text>
                      </div>
                    ),
                    disabled: true,
                  },
                  { type: 'divider' },
                  { key: 'pwd', icon: <KeyOutlined />, label: t('header.changePassword') },
                  { key: 'out', icon: <LogoutOutlined />, label: t('header.signOut'), danger: true },
                ],
                onClick: ({ key }) => {
                  if (key === 'pwd') setPwdOpen(true);
                  if (key === 'out') void signOut();
                },
              }}
            >
              <Button type="text" className="jh-user-btn" data-testid="user-menu">
                <Avatar size={28} style={{ background: 'var(--jh-primary)' }} icon={<UserOutlined />} />
                {screens.md && (
                  <>
                    <span className="jh-user-name">{me.displayName || me.username}</span>
                    <Tag color="blue" variant="filled" style={{ marginInlineEnd: 0 }}>
                      {L.role(me.role)}
                    </Tag>
                  </>
                )}
              </Button>
            </Dropdown>
          </Flex>
        </Header>
        <Content className="jh-content">
          <Suspense fallback={<PageSpin />}>
            <Outlet />
          </Suspense>
        </Content>
        <Footer className="jh-footer">{t('app.footer')}</Footer>
      </Layout>
      <ChangePasswordModal open={pwdOpen || me.mustChangePassword} forced={me.mustChangePassword} onClose={() => setPwdOpen(false)} />
    </Layout>
  );
}

export function AppLayout() {
  const me = useMe();
  // The server refuses everything but the password change until it is done (403 must_change_password): only the dialog.
  if (me.mustChangePassword) return <ChangePasswordModal open forced onClose={() => undefined} />;
  return (
    <YearProvider fallback={<PageSpin />}>
      <Shell />
    </YearProvider>
  );
}
