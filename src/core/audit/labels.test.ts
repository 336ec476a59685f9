// The audit log as people read it: names instead of keys, values written out, local time in files.
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditEntityLabel, auditFieldLabel, auditValue, registerAuditFields } from './labels.js';
import { formatLocalTime, localTimeZone } from './local-time.js';
import { registryAuditFields } from '../../registry/audit-labels.js';

registerAuditFields(registryAuditFields);

describe('audit labels', () => {
  it('names actions, entities and fields (the registry’s by their names in fields.ts)', () => {
    expect(auditActionLabel('approve')).toBe('审核通过');
    expect(auditEntityLabel('stats')).toBe('年度统计');
    expect(auditEntityLabel('stats', 'en')).toBe('statistics');
    expect(auditFieldLabel('stats', 'teachersTotal')).toBe('专任教师数');
    expect(auditFieldLabel('stats', 'students.7')).toBe('七年级学生数');
    expect(auditFieldLabel('stats', 'class.3.2')).toBe('三年级2班人数');
    expect(auditFieldLabel('school', 'isBoarding')).toBe('寄宿制');
    expect(auditFieldLabel('user', 'assignedSchools')).toBe('挂牌学校');
    // Unknown words stay as they are rather than vanish.
    expect(auditActionLabel('frobnicate')).toBe('frobnicate');
    expect(auditFieldLabel('stats', 'noSuchField')).toBe('noSuchField');
  });

  it('writes values out: 是 / 否, states, roles, lists and objects — never JSON', () => {
    expect(auditValue('school', 'isBoarding', true)).toBe('是');
    expect(auditValue('school', 'isBoarding', false)).toBe('否');
    expect(auditValue('school', 'isOpen', false)).toBe('已停办');
    expect(auditValue('stats', 'status', 'approved')).toBe('已审核');
    expect(auditValue('user', 'role', 'inspector')).toBe('责任督学');
    expect(auditValue('user', 'assignedSchools', ['2133000001', '2133000002'])).toBe('2133000001、2133000002');
    expect(auditValue('user', null, { role: 'clerk', schoolCode: '2133000001', assignedSchools: [] })).toBe('角色：学校填报员；所属学校：2133000001');
    expect(auditValue('stats', 'books', 6000)).toBe('6000');
    expect(auditValue('stats', 'books', null)).toBe('');
  });

  it('writes times in the district’s zone, not as UTC ISO strings', () => {
    // 01:30 UTC is 09:30 in Beijing (UTC+8) and 07:30 in Urumqi (UTC+6), the same day.
    expect(formatLocalTime('2025-03-01T01:30:00.000Z', 'Asia/Shanghai')).toBe('2025-03-01 09:30:00');
    expect(formatLocalTime('2025-03-01T01:30:00.000Z', 'Asia/Urumqi')).toBe('2025-03-01 07:30:00');
    // 20:00 UTC on the last day of the year is already the next year in Beijing.
    expect(formatLocalTime('2024-12-31T20:00:00Z', 'Asia/Shanghai')).toBe('2025-01-01 04:00:00');
    expect(formatLocalTime(null)).toBe('');
    expect(localTimeZone({})).toBe('Asia/Shanghai');
    expect(localTimeZone({ JUNHENG_TIME_ZONE: 'Asia/Urumqi' })).toBe('Asia/Urumqi');
    expect(localTimeZone({ JUNHENG_TIME_ZONE: 'Mars/Olympus' })).toBe('Asia/Shanghai');
    expect(localTimeZone({ TZ: 'UTC' })).toBe('Asia/Shanghai');
  });
});
