// Interface language: a small zh/en dictionary with a React context. Chinese is the default;
// the choice is kept in localStorage. Statistic labels come from /api/meta, not from here.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';

const dict = {
  'app.name': ['均衡', 'Junheng'],
  'app.fullName': ['均衡 Junheng', 'Junheng 均衡'],
  'app.tagline': ['义务教育优质均衡发展监测平台', 'Monitoring the quality and balance of compulsory education'],
  'app.footer': ['均衡 Junheng · 开源的县域义务教育均衡监测平台', 'Junheng · open-source platform for balanced compulsory education'],

  'nav.overview': ['区域概览', 'Overview'],
  'nav.schools': ['学校名录', 'Schools'],
  'nav.mySchool': ['本校数据', 'My school'],
  'nav.upload': ['导入导出', 'Import & export'],
  'nav.review': ['审核队列', 'Review queue'],
  'nav.audit': ['操作日志', 'Audit log'],
  'nav.users': ['用户管理', 'Users'],
  'nav.home': ['首页', 'Home'],

  'header.year': ['学年', 'School year'],
  'header.changePassword': ['修改密码', 'Change password'],
  'header.signOut': ['退出登录', 'Sign out'],
  'header.lang': ['English', '中文'],

  'role.admin': ['管理员', 'Administrator'],
  'role.analyst': ['局科室', 'Bureau analyst'],
  'role.clerk': ['学校填报员', 'School clerk'],
  'role.inspector': ['责任督学', 'Inspector'],
  'role.viewer': ['访客', 'Viewer'],

  'status.draft': ['填报中', 'Draft'],
  'status.submitted': ['已提交', 'Submitted'],
  'status.approved': ['已审核', 'Approved'],
  'status.returned': ['已退回', 'Returned'],
  'status.none': ['未填报', 'Not reported'],
  'status.all': ['全部', 'All'],

  'common.yes': ['是', 'Yes'],
  'common.no': ['否', 'No'],
  'common.ok': ['确定', 'OK'],
  'common.cancel': ['取消', 'Cancel'],
  'common.save': ['保存', 'Save'],
  'common.edit': ['编辑', 'Edit'],
  'common.create': ['新建', 'Create'],
  'common.search': ['搜索', 'Search'],
  'common.reset': ['重置', 'Reset'],
  'common.refresh': ['刷新', 'Refresh'],
  'common.actions': ['操作', 'Actions'],
  'common.view': ['查看', 'View'],
  'common.total': ['合计', 'Total'],
  'common.loading': ['加载中…', 'Loading…'],
  'common.noData': ['暂无数据', 'No data'],
  'common.back': ['返回', 'Back'],
  'common.export': ['导出', 'Export'],
  'common.all': ['全部', 'All'],
  'common.items': ['共 {n} 条', '{n} items'],
  'common.students': ['学生', 'Students'],
  'common.teachers': ['教师', 'Teachers'],
  'common.classes': ['班级', 'Classes'],
  'common.schools': ['学校', 'Schools'],
  'common.persons': ['人', ''],
  'common.unitSchools': ['所', ''],
  'common.unitClasses': ['个', ''],
  'common.forbidden': ['您没有权限查看此页面', 'You are not allowed to see this page'],
  'common.notFound': ['页面不存在', 'Page not found'],
  'common.backHome': ['返回首页', 'Back to home'],
  'common.loadFailed': ['加载失败', 'Could not load'],
  'common.retry': ['重试', 'Retry'],
  'common.copied': ['已复制', 'Copied'],
  'common.unsaved': ['有未保存的修改，确定离开吗？', 'You have unsaved changes. Leave this page?'],
  'common.leave': ['离开', 'Leave'],
  'common.stay': ['留下', 'Stay'],

  'login.title': ['登录', 'Sign in'],
  'login.username': ['用户名', 'Username'],
  'login.password': ['密码', 'Password'],
  'login.submit': ['登录', 'Sign in'],
  'login.required': ['请输入用户名和密码', 'Enter your username and password'],
  'login.bad': ['用户名或密码错误', 'Wrong username or password'],
  'login.tooMany': ['登录尝试次数过多，请稍后再试', 'Too many sign-in attempts, please try again later'],
  'login.hint': ['账号由区县教育局管理员分配', 'Accounts are issued by the bureau administrator'],
  'login.feature1': ['学校名录与年度事业统计', 'School registry and yearly statistics'],
  'login.feature2': ['班额、师资、办学条件均衡分析', 'Class sizes, teachers and facilities at a glance'],
  'login.feature3': ['Excel 批量填报、逐级审核、全程留痕', 'Excel upload, review workflow, full audit trail'],

  'pwd.title': ['修改密码', 'Change password'],
  'pwd.mustChange': ['首次登录或密码已重置，请先设置新密码。', 'Please set a new password before you continue.'],
  'pwd.old': ['当前密码', 'Current password'],
  'pwd.new': ['新密码', 'New password'],
  'pwd.confirm': ['确认新密码', 'Confirm new password'],
  'pwd.mismatch': ['两次输入的密码不一致', 'The passwords do not match'],
  'pwd.tooShort': ['至少 8 位', 'At least 8 characters'],
  'pwd.changed': ['密码已修改', 'Password changed'],

  'overview.title': ['区域概览', 'District overview'],
  'overview.subtitle': ['{year} · 义务教育学校基本情况', 'School year {year} · compulsory-education schools'],
  'overview.schools': ['学校数', 'Schools'],
  'overview.students': ['在校生数', 'Students'],
  'overview.teachers': ['专任教师数', 'Full-time teachers'],
  'overview.classes': ['教学班数', 'Classes'],
  'overview.largeShare': ['大班额占比 (>45人)', 'Classes over 45'],
  'overview.largeShareOf': ['{n} 个班超过 45 人', '{n} classes above 45'],
  'overview.ratio': ['生师比 {r} : 1', '{r} students per teacher'],
  'overview.avgClass': ['平均班额 {n} 人', 'Average class {n}'],
  'overview.bands': ['班额分布', 'Class sizes'],
  'overview.bandsHelp': ['45 人以上为大班额，56 人以上为超大班额', 'Above 45 is a large class, 56 or more a very large class'],
  'overview.byLevel': ['学段结构', 'By level'],
  'overview.byLocation': ['城乡分布', 'Urban and rural'],
  'overview.trend': ['历年变化', 'Trend across years'],
  'overview.largest': ['班额最大的班级', 'Largest classes'],
  'overview.statusTitle': ['{year}填报进度', 'Reporting progress {year}'],
  'overview.toReview': ['进入审核队列', 'Open the review queue'],
  'overview.approvedShare': ['已审核', 'approved'],
  'overview.school': ['学校', 'School'],
  'overview.grade': ['年级', 'Grade'],
  'overview.classNo': ['班号', 'Class'],
  'overview.size': ['班额', 'Size'],
  'overview.classSuffix': ['{n} 班', 'class {n}'],
  'overview.noData': ['本学年尚无数据', 'No figures for this year yet'],

  'schools.title': ['学校名录', 'Schools'],
  'schools.subtitle': ['全区义务教育学校名录及 {year}主要数据', 'Registry and key figures of {year}'],
  'schools.new': ['新建学校', 'New school'],
  'schools.searchPh': ['学校名称或标识码', 'Name or school code'],
  'schools.level': ['学段', 'Level'],
  'schools.location': ['城乡', 'Location'],
  'schools.ownership': ['办别', 'Ownership'],
  'schools.code': ['学校标识码', 'School code'],
  'schools.name': ['学校名称', 'Name'],
  'schools.students': ['在校生', 'Students'],
  'schools.classes': ['班级数', 'Classes'],
  'schools.teachers': ['专任教师', 'Teachers'],
  'schools.maxClass': ['最大班额', 'Largest class'],
  'schools.status': ['填报状态', 'Status'],
  'schools.count': ['共 {n} 所学校', '{n} schools'],
  'schools.legendLarge': ['大班额 46–55', 'Large 46–55'],
  'schools.legendHuge': ['超大班额 ≥56', 'Very large ≥56'],
  'schools.closed': ['已撤并', 'Closed'],
  'schools.empty': ['没有符合条件的学校', 'No school matches the filters'],

  'school.field.code': ['学校标识码', 'School code'],
  'school.field.name': ['学校名称', 'Name'],
  'school.field.level': ['学段', 'Level'],
  'school.field.ownership': ['办别', 'Ownership'],
  'school.field.location': ['城乡分类', 'Location'],
  'school.field.isIsland': ['海岛学校', 'Island school'],
  'school.field.isBoarding': ['寄宿制', 'Boarding'],
  'school.field.address': ['地址', 'Address'],
  'school.field.lat': ['纬度', 'Latitude'],
  'school.field.lng': ['经度', 'Longitude'],
  'school.field.coords': ['坐标', 'Coordinates'],
  'school.field.groupName': ['集团 / 教共体', 'School group'],
  'school.field.isOpen': ['办学状态', 'Open'],
  'school.open': ['在办', 'Open'],
  'school.closed': ['已撤并', 'Closed'],
  'school.codeRule': ['10 位数字', '10 digits'],
  'school.editTitle': ['编辑学校信息', 'Edit school'],
  'school.newTitle': ['新建学校', 'New school'],
  'school.saved': ['学校信息已保存', 'School saved'],
  'school.registry': ['学校基本信息', 'Registry entry'],
  'school.tab.stats': ['年度统计', 'Statistics'],
  'school.tab.trends': ['趋势', 'Trends'],
  'school.tab.classes': ['班额', 'Class sizes'],
  'school.record': ['{year}统计', 'Statistics {year}'],
  'school.edit': ['填报 / 修改', 'Edit figures'],
  'school.submit': ['提交审核', 'Submit'],
  'school.submitConfirm': ['提交后将不能修改，直到被退回。确定提交？', 'After submitting you cannot edit until it is returned. Submit?'],
  'school.approve': ['审核通过', 'Approve'],
  'school.approveConfirm': ['确认审核通过？通过后数据锁定。', 'Approve? The figures will be locked.'],
  'school.return': ['退回', 'Return'],
  'school.reopen': ['重新打开', 'Reopen'],
  'school.reopenConfirm': ['重新打开后可再次修改，确定？', 'Reopen so that the figures can be edited again?'],
  'school.returnTitle': ['退回修改', 'Return for correction'],
  'school.returnComment': ['退回意见', 'Comment'],
  'school.returnCommentPh': ['请说明需要修改的地方', 'Explain what needs to be corrected'],
  'school.returnCommentReq': ['请填写退回意见', 'Please write a comment'],
  'school.reviewComment': ['审核意见', 'Review comment'],
  'school.updated': ['最后修改', 'Last edited'],
  'school.submitted': ['提交', 'Submitted'],
  'school.reviewed': ['审核', 'Reviewed'],
  'school.enrolments': ['分年级学生与班级', 'Students and classes by grade'],
  'school.grade': ['年级', 'Grade'],
  'school.gradeStudents': ['学生数', 'Students'],
  'school.gradeClasses': ['班数', 'Classes'],
  'school.avgSize': ['平均班额', 'Avg. size'],
  'school.classSizes': ['各班班额', 'Class sizes'],
  'school.indicators': ['主要生均指标', 'Per-student indicators'],
  'school.ind.ratio': ['生师比', 'Students per teacher'],
  'school.ind.area': ['生均校舍面积', 'Floor area per student'],
  'school.ind.books': ['生均图书', 'Books per student'],
  'school.ind.computers': ['百名学生计算机数', 'Computers per 100 students'],
  'school.ind.equipment': ['生均仪器设备值', 'Equipment value per student'],
  'school.ind.sports': ['生均体育场地', 'Sports ground per student'],
  'school.noRecord': ['本学年尚未填报', 'Nothing reported for this year yet'],
  'school.notReported': ['未填', 'not given'],
  'school.trendStudents': ['学生、教师与班级', 'Students, teachers and classes'],
  'school.trendRatios': ['生均指标', 'Per-student ratios'],
  'school.histTitle': ['{year}班额分布', 'Class sizes {year}'],
  'school.histClasses': ['班级数', 'Classes'],
  'school.histSize': ['班额（人）', 'Class size'],
  'school.histSummary': ['共 {n} 个班，最大 {max} 人，平均 {avg} 人，{large} 个班超过 45 人', '{n} classes, largest {max}, average {avg}, {large} above 45'],
  'school.actionDone': ['操作成功', 'Done'],
  'school.locked': ['已审核的数据已锁定', 'Approved figures are locked'],
  'school.statsHidden': ['访客只能查看区域汇总数据', 'Viewers see district aggregates only'],
  'school.readOnly': ['只读', 'read only'],

  'form.title': ['{school} · {year}数据填报', '{school} · figures {year}'],
  'form.breadcrumb': ['数据填报', 'Data entry'],
  'form.enrolTitle': ['分年级在校生与班额', 'Students and classes by grade'],
  'form.enrolHelp': ['每个年级填写学生数，并逐班填写班额；各班人数之和应等于该年级学生数。', 'Enter the students of each grade and the size of each class; the class sizes should add up to the grade.'],
  'form.addClass': ['加一个班', 'Add class'],
  'form.sum': ['各班合计 {sum} 人', 'Classes add up to {sum}'],
  'form.sumMismatch': ['与学生数 {n} 不一致', 'differs from {n} students'],
  'form.sumOk': ['与学生数一致', 'matches the students'],
  'form.noClasses': ['尚无班级', 'No classes yet'],
  'form.save': ['保存', 'Save'],
  'form.saveSubmit': ['保存并提交', 'Save and submit'],
  'form.saved': ['已保存', 'Saved'],
  'form.submitted': ['已保存并提交审核', 'Saved and submitted'],
  'form.problems': ['保存失败：发现 {n} 个问题', 'Not saved: {n} problems'],
  'form.rules': ['逻辑校验提示', 'Consistency checks'],
  'form.rulesHelp': ['以下关系不成立，请核对（保存时服务器会再次校验）', 'These relations do not hold; please check (the server checks again on save)'],
  'form.locked': ['当前状态为「{status}」，不能修改。', 'The figures are “{status}” and cannot be edited.'],
  'form.returned': ['已被退回：{comment}', 'Returned: {comment}'],
  'form.classN': ['{n}班', 'Class {n}'],
  'form.totalStudents': ['全校在校生 {n} 人，{c} 个班', '{n} students in {c} classes'],
  'form.largeWarn': ['超过 45 人', 'above 45'],
  'form.mismatchWarn': ['{n} 个年级的班额合计与学生数不一致', '{n} grades: class sizes do not add up to the students'],

  'upload.title': ['导入导出', 'Import & export'],
  'upload.subtitle': ['使用 Excel 模板批量填报 {year}数据', 'Report the figures of {year} with the Excel template'],
  'upload.step1': ['下载模板', 'Download the template'],
  'upload.step1Help': ['模板包含全部统计项目及校验规则；填报员下载的模板已预填本校数据。', 'The template lists every statistic with its checks; a clerk’s template is prefilled with the school’s figures.'],
  'upload.template': ['下载 {year} 模板', 'Template {year}'],
  'upload.templateSchool': ['预填学校（可选）', 'Prefill a school (optional)'],
  'upload.allSchools': ['全部学校', 'All schools'],
  'upload.export': ['导出全区数据', 'Export all figures'],
  'upload.step2': ['上传填好的文件', 'Upload the filled file'],
  'upload.drag': ['点击或拖拽 Excel 文件到此处上传', 'Click or drag an Excel file here'],
  'upload.dragHint': ['仅支持 .xlsx；文件须全部通过校验才会保存，任何一处错误都不会写入数据。', 'Only .xlsx. Nothing is saved unless the whole file passes the checks.'],
  'upload.uploading': ['正在校验并导入…', 'Checking and importing…'],
  'upload.problemsTitle': ['发现 {n} 个问题，未保存任何数据', '{n} problems found — nothing was saved'],
  'upload.problemsHelp': ['请按下表修改 Excel 后重新上传。', 'Correct the file as listed below and upload it again.'],
  'upload.col.file': ['文件', 'File'],
  'upload.col.sheet': ['工作表', 'Sheet'],
  'upload.col.row': ['行', 'Row'],
  'upload.col.column': ['列', 'Column'],
  'upload.col.header': ['表头', 'Header'],
  'upload.col.reason': ['原因', 'Reason'],
  'upload.success': ['导入成功', 'Imported'],
  'upload.successDetail': ['{schools} 所学校，{fields} 个数据项有变化', '{schools} schools, {fields} figures changed'],
  'upload.unchanged': ['文件与现有数据一致，没有变化', 'The file matches the stored figures — no changes'],
  'upload.notAllowed': ['您的角色不能导入数据', 'Your role cannot import figures'],
  'upload.lastFile': ['文件：{name}', 'File: {name}'],

  'review.title': ['审核队列', 'Review queue'],
  'review.subtitle': ['{year}学校报送数据审核', 'Reviewing the figures of {year}'],
  'review.school': ['学校', 'School'],
  'review.level': ['学段', 'Level'],
  'review.status': ['状态', 'Status'],
  'review.submittedBy': ['提交人', 'Submitted by'],
  'review.submittedAt': ['提交时间', 'Submitted at'],
  'review.students': ['在校生', 'Students'],
  'review.problems': ['校验问题', 'Checks'],
  'review.problemsN': ['{n} 个问题', '{n} problems'],
  'review.clean': ['通过', 'OK'],
  'review.empty': ['没有待审核的学校', 'Nothing waiting for review'],
  'review.approved': ['已审核通过', 'Approved'],
  'review.returned': ['已退回', 'Returned'],
  'review.reopened': ['已重新打开', 'Reopened'],
  'review.approveAll': ['批量通过 ({n})', 'Approve selected ({n})'],

  'audit.title': ['操作日志', 'Audit log'],
  'audit.subtitle': ['每一次数据修改都有记录：谁、何时、改了什么', 'Every change is recorded: who, when and what'],
  'audit.user': ['用户', 'User'],
  'audit.entity': ['对象类型', 'Entity'],
  'audit.action': ['操作', 'Action'],
  'audit.key': ['对象标识', 'Key'],
  'audit.keyPh': ['如学校标识码', 'e.g. a school code'],
  'audit.dates': ['日期范围', 'Dates'],
  'audit.at': ['时间', 'Time'],
  'audit.field': ['字段', 'Field'],
  'audit.change': ['原值 → 新值', 'Old → new'],
  'audit.detail': ['说明', 'Detail'],
  'audit.export': ['导出 Excel', 'Export Excel'],
  'audit.empty': ['没有符合条件的记录', 'No entries match'],

  'users.title': ['用户管理', 'Users'],
  'users.subtitle': ['管理本区县的账号、角色与权限范围', 'Accounts, roles and the schools they may see'],
  'users.new': ['新建用户', 'New user'],
  'users.username': ['用户名', 'Username'],
  'users.usernameRule': ['字母、数字、点、下划线或短横线', 'Letters, digits, dot, underscore or dash'],
  'users.displayName': ['姓名', 'Name'],
  'users.role': ['角色', 'Role'],
  'users.school': ['所属学校', 'School'],
  'users.assigned': ['负责学校', 'Assigned schools'],
  'users.assignedN': ['{n} 所', '{n} schools'],
  'users.state': ['状态', 'State'],
  'users.active': ['正常', 'Active'],
  'users.disabled': ['已停用', 'Disabled'],
  'users.disable': ['停用', 'Disable'],
  'users.enable': ['启用', 'Enable'],
  'users.disableConfirm': ['停用后该用户不能登录，确定？', 'The user will no longer be able to sign in. Disable?'],
  'users.reset': ['重置密码', 'Reset password'],
  'users.resetConfirm': ['将生成一个新的随机密码，确定？', 'A new random password will be generated. Continue?'],
  'users.password': ['初始密码', 'Initial password'],
  'users.passwordPh': ['留空则自动生成', 'Leave empty to generate one'],
  'users.pwdTitle': ['请记录新密码', 'Note the password'],
  'users.pwdOnce': ['密码只显示这一次，请复制后安全地交给 {user}。首次登录时须修改密码。', 'This password is shown only once. Copy it and hand it to {user} safely; it must be changed at first sign-in.'],
  'users.editTitle': ['编辑用户', 'Edit user'],
  'users.saved': ['用户已保存', 'User saved'],
  'users.searchPh': ['搜索用户名或姓名', 'Search username or name'],
} satisfies Record<string, [string, string]>;

export type TKey = keyof typeof dict;
export type TFunc = (key: TKey, vars?: Record<string, string | number>) => string;

interface I18nValue {
  lang: Lang;
  setLang: (l: Lang) => void;
  t: TFunc;
  /** Pick the zh or en variant of a pair coming from the server (e.g. a field's zh/en). */
  pick: (zh: string | null | undefined, en: string | null | undefined) => string;
}

const I18nContext = createContext<I18nValue | null>(null);
const STORAGE_KEY = 'jh_lang';

function initialLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'zh' || v === 'en') return v;
  } catch {
    /* private mode */
  }
  return 'zh';
}

export function translate(lang: Lang, key: TKey, vars?: Record<string, string | number>): string {
  const pair = dict[key] as [string, string] | undefined;
  let s = pair ? pair[lang === 'en' ? 1 : 0] : key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* ignore */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const value = useMemo<I18nValue>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => translate(lang, key, vars),
      pick: (zh, en) => (lang === 'en' ? en || zh || '' : zh || en || ''),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
